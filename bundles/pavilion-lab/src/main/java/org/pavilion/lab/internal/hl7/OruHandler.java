package org.pavilion.lab.internal.hl7;

import java.sql.Connection;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;
import org.pavilion.lab.internal.LabConfig;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.SpecimenEntity;
import org.pavilion.lab.internal.result.ResultIntake;
import org.pavilion.lab.internal.result.ResultIntake.Taken;

/**
 * ORU^R01 from an external LIS or an analyser middleware: each ORDER_OBSERVATION's OBX become results of the order
 * its OBR names, through the same {@link ResultIntake} rules as a technician's entry. One message is one transaction:
 * every group's results and the hub's record of the message commit together ({@link Completion#commit}), so the ACK
 * AA follows the commit and a redelivery finds the message completed. Anything refused (unknown order or specimen, a
 * cancelled order, a PID that is not the order's patient, a value or unit that does not fit the test) rolls back the
 * whole message and answers AE with the segment, its repetition and field: the hub parks it for replay.
 *
 * <p>A sender listed in {@code lisVerifiedSenders} (MSH-3) verifies its own work: its final (OBX-11 F) results are
 * handed over as verified. Everything else is ENTERED and verified in this lab. The intake runs as the hub's feed
 * caller with the laboratory's feed privileges added ({@link FeedCaller}).
 */
@Component(service = Hl7Handler.class, configurationPid = LabConfig.PID)
public class OruHandler implements Hl7Handler {

    static final Set<String> TYPES = Set.of("ORU^R01");
    static final String SOURCE = "HL7";
    /** Tries of one message when its items were changed meanwhile (optimistic locking) before it is answered AE. */
    static final int ATTEMPTS = 3;

    private final EntityManagerFactory emf;
    private final ResultIntake intake;
    private final AuditService audit;
    private final ZoneId zone;
    private volatile Set<String> verifiedSenders;

    @Activate
    public OruHandler(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference ResultIntake intake, @Reference AuditService audit,
            LabConfig config) {
        this(emf, intake, audit, senders(config.lisVerifiedSenders()), ZoneId.systemDefault());
    }

    OruHandler(EntityManagerFactory emf, ResultIntake intake, AuditService audit, Set<String> verifiedSenders,
            ZoneId zone) {
        this.emf = emf;
        this.intake = intake;
        this.audit = audit;
        this.verifiedSenders = verifiedSenders;
        this.zone = zone;
    }

    @Modified
    void modified(LabConfig config) {
        verifiedSenders = senders(config.lisVerifiedSenders());
    }

    static Set<String> senders(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<String> messageTypes() {
        return TYPES;
    }

    @Override
    public String department() {
        return "laboratory";
    }

    @Override
    public Outcome handle(InboundMessage m, Completion completion) throws Exception {
        if (!TYPES.contains(m.type())) {
            return Outcome.rejected(Hl7Error.of(Hl7Error.UNSUPPORTED_EVENT_CODE, "the laboratory takes ORU^R01, not "
                    + m.type()));
        }
        String sender = m.sendingApplication();
        // Refused from the message alone before a transaction is opened.
        List<OruMessage.Group> groups = OruMessage.read(m, zone, !sender.isEmpty()
                && verifiedSenders.contains(sender));
        String actor = "hl7:" + (sender.isEmpty() ? "UNKNOWN" : sender);
        boolean verifies = groups.stream().flatMap(g -> g.observations().stream())
                .anyMatch(o -> o.observation().verifiedBySender());
        Caller feed = CallerContext.currentWith(verifies ? FeedCaller.VERIFIES : FeedCaller.ENTERS, actor);
        for (int attempt = 1; ; attempt++) {
            try {
                return CallerContext.runAs(feed, () -> file(m, groups, actor, completion));
            } catch (RuntimeException e) {
                // Another message or a technician changed one of the items meanwhile: read them again and retry
                // (the hub's completion may be committed again; a refusal or a redelivery is not retried).
                if (attempt >= ATTEMPTS || !changedMeanwhile(e)) {
                    throw e;
                }
            }
        }
    }

    /** Every group's results and the hub's completion, in one transaction. */
    private Outcome file(InboundMessage m, List<OruMessage.Group> groups, String actor, Completion completion)
            throws Exception {
        EntityManager em = emf.createEntityManager();
        try {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                List<String> done = new ArrayList<>(groups.size());
                List<Hl7Error> warnings = new ArrayList<>(0);
                List<AuditEvent> trail = new ArrayList<>();
                for (OruMessage.Group g : groups) {
                    done.add(apply(em, g, actor, trail));
                    warnings.addAll(g.warnings());
                }
                em.flush();
                Outcome outcome = Outcome.accepted(m.type() + " " + String.join("; ", done));
                for (Hl7Error w : warnings) {
                    outcome = outcome.withWarning(w);
                }
                try (Connection c = JpaTransactions.connection(em)) {
                    // Throws without committing when an earlier delivery is stored: rolled back below, the hub
                    // answers it as the redelivery it is. The results' audit records commit with them.
                    Outcome answered = outcome;
                    audit.recordAllCommittingWith(c, trail, () -> {
                        completion.commit(c, answered, () -> {
                            tx.commit();
                            return null;
                        });
                        return null;
                    });
                }
                return outcome;
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
            }
        } finally {
            em.close();
        }
    }

    private static boolean changedMeanwhile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** One ORDER_OBSERVATION: its order checked against the PID, then each OBX through the intake. */
    private String apply(EntityManager em, OruMessage.Group g, String actor, List<AuditEvent> trail) {
        LabOrderEntity order = order(em, g);
        if ("CANCELLED".equals(order.getStatus())) {
            throw new Hl7ContentException(g.at(Hl7Error.APPLICATION_RECORD_LOCKED, "order " + order.getOrderNumber()
                    + " is cancelled" + (order.getCancelReason() == null ? "" : " (" + order.getCancelReason() + ")")
                    + ": no results are taken for it"));
        }
        if (!order.getPatientId().equals(g.mrn())) {
            throw new Hl7ContentException(new Hl7Error("PID", g.pidRepetition(), 3, 1, Hl7Error.UNKNOWN_KEY,
                    "PID-3 " + g.mrn() + " is not the patient of order " + order.getOrderNumber() + " named by "
                            + g.keySegment() + "-" + g.keyField() + ": results are not filed under another patient"));
        }
        StringBuilder summary = new StringBuilder("order ").append(order.getOrderNumber()).append(':');
        for (OruMessage.Obx obx : g.observations()) {
            List<Taken> taken;
            try {
                taken = intake.receive(em, g.orderKey(), List.of(obx.observation()), SOURCE, actor);
            } catch (ProblemException refused) {
                if (refused.status() >= 500) {
                    throw refused; // not the message's content: AE "processing failed", parked for replay
                }
                throw new Hl7ContentException(located(refused, g, obx));
            }
            for (Taken t : taken) {
                trail.add(t.audit());
                summary.append(' ').append(t.testCode()).append(' ').append(obx.observation().value());
                if (obx.observation().unit() != null) {
                    summary.append(' ').append(obx.observation().unit());
                }
                if (t.flag() != null) {
                    summary.append(' ').append(t.flag());
                }
                summary.append(t.critical() ? " CRITICAL" : "").append(obx.observation().verifiedBySender()
                        ? " (verified by sender)" : "").append(',');
            }
        }
        if (summary.charAt(summary.length() - 1) == ',') {
            summary.setLength(summary.length() - 1);
        } else {
            summary.append(" no results");
        }
        return summary.toString();
    }

    /** The order by its order number, else as the order of the specimen with that id; AE 204 at the key's field. */
    private static LabOrderEntity order(EntityManager em, OruMessage.Group g) {
        List<LabOrderEntity> byNumber = em.createQuery("SELECT o FROM LabOrderEntity o WHERE o.orderNumber = :n",
                LabOrderEntity.class).setParameter("n", g.orderKey()).getResultList();
        if (!byNumber.isEmpty()) {
            return byNumber.get(0);
        }
        SpecimenEntity specimen = em.find(SpecimenEntity.class, g.orderKey());
        LabOrderEntity order = specimen == null ? null : em.find(LabOrderEntity.class, specimen.getOrderId());
        if (order == null) {
            throw new Hl7ContentException(g.at(Hl7Error.UNKNOWN_KEY, g.keySegment() + "-" + g.keyField() + " "
                    + g.orderKey() + " is no laboratory order number or specimen id"));
        }
        return order;
    }

    /**
     * Where in the message the intake's refusal points: the {@link ResultIntake#REFUSED} extension when it names
     * what was refused ({@code patient} too), else by status (404 the test, 409 the item's state, 403 the patient,
     * 400/422 the value).
     */
    static Hl7Error located(ProblemException refused, OruMessage.Group g, OruMessage.Obx obx) {
        Object what = refused.extensions().get(ResultIntake.REFUSED);
        String detail = refused.detail();
        String named = what == null ? null : what.toString();
        if (named == null) {
            String lower = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
            named = switch (refused.status()) {
                case 404 -> lower.contains("order") || lower.contains("specimen") ? "order" : "testCode";
                case 409 -> "item";
                case 401, 403 -> "patient";
                default -> lower.contains("unit") ? "unit" : "value";
            };
        }
        String text = "laboratory refused OBX(" + obx.repetition() + ") " + obx.observation().testCode() + ": "
                + detail;
        int rep = obx.repetition();
        return switch (named) {
            case "order" -> g.at(refused.status() == 409 ? Hl7Error.APPLICATION_RECORD_LOCKED : Hl7Error.UNKNOWN_KEY,
                    text);
            case "testCode" -> new Hl7Error("OBX", rep, 3, 1, Hl7Error.UNKNOWN_KEY, text);
            case "item" -> new Hl7Error("OBX", rep, 3, 1, Hl7Error.APPLICATION_RECORD_LOCKED, text);
            case "unit" -> new Hl7Error("OBX", rep, 6, 1, Hl7Error.TABLE_VALUE_NOT_FOUND, text);
            // The patient's record is closed to the feed (e.g. restricted): HL7 v2.5 has no code for "not allowed".
            case "patient" -> new Hl7Error("PID", g.pidRepetition(), 3, 1, Hl7Error.INTERNAL_ERROR, text);
            default -> new Hl7Error("OBX", rep, 5, 0, "CWE".equals(obx.valueType()) || "CE".equals(obx.valueType())
                    ? Hl7Error.TABLE_VALUE_NOT_FOUND : Hl7Error.DATA_TYPE_ERROR, text);
        };
    }
}
