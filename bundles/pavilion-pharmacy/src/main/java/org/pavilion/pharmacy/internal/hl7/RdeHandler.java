package org.pavilion.pharmacy.internal.hl7;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityExistsException;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.OptimisticLockException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionIntake;

/**
 * RDE^O11 from an outside prescribing system (a clinic's CPOE, another hospital's EMR): each ORDER group queues a
 * prescription (ORC-1 NW) or cancels one (CA) through {@link PrescriptionIntake}, under the id
 * {@code <MSH-3>:<ORC-2>}. One message is one transaction: its orders, their audit records and the hub's record of
 * the message commit together ({@link Completion#commit}), so the AA follows the commit and a redelivery finds the
 * message completed; the same order resent under a new control id is answered AA and queued once.
 *
 * <p>Refusals: a patient nobody knows by PID-3 is AR (the message is not for this hospital); content the message
 * alone cannot give (no ORC-2, no RXE-2, no RXE-10) or the pharmacy refuses (a cancel after dispensing) is AE with
 * the segment and field, parked by the hub for replay.
 */
@Component(service = Hl7Handler.class, configurationPid = PharmacyConfig.PID)
public class RdeHandler implements Hl7Handler {

    static final Set<String> TYPES = Set.of("RDE^O11");
    static final String SOURCE = "HL7";
    static final String PURPOSE = "HL7 RDE^O11 prescription for the pharmacy";
    /** Tries of one message when a concurrent delivery of the same order wrote it first. */
    static final int ATTEMPTS = 3;

    private final EntityManagerFactory emf;
    private final PrescriptionIntake intake;
    private final AuditService audit;
    private volatile ZoneId zone;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientIdentities identities;

    @Activate
    public RdeHandler(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference PrescriptionIntake intake, @Reference AuditService audit,
            PharmacyConfig config) {
        this(emf, intake, audit, null, zone(config));
    }

    RdeHandler(EntityManagerFactory emf, PrescriptionIntake intake, AuditService audit, PatientIdentities identities,
            ZoneId zone) {
        this.emf = emf;
        this.intake = intake;
        this.audit = audit;
        this.identities = identities;
        this.zone = zone;
    }

    @Modified
    void modified(PharmacyConfig config) {
        zone = zone(config);
    }

    static ZoneId zone(PharmacyConfig config) {
        return config.zone() == null || config.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.zone());
    }

    @Override
    public Set<String> messageTypes() {
        return TYPES;
    }

    @Override
    public String department() {
        return "pharmacy";
    }

    @Override
    public Outcome handle(InboundMessage m, Completion completion) throws Exception {
        if (!TYPES.contains(m.type())) {
            return Outcome.rejected(Hl7Error.of(Hl7Error.UNSUPPORTED_EVENT_CODE, "the pharmacy takes RDE^O11, not "
                    + m.type()));
        }
        String sender = m.sendingApplication();
        if (sender.isEmpty()) {
            throw new Hl7ContentException(Hl7Error.at("MSH", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "MSH-3 (sending application) is required: it is part of the prescription's id"));
        }
        ZoneId z = zone;
        RdeMessage rde = RdeMessage.read(m, z);
        Optional<String> mrn = patient(rde);
        if (mrn.isEmpty()) {
            return Outcome.rejected(Hl7Error.at("PID", 3, Hl7Error.UNKNOWN_KEY, identities == null
                    ? "the EMR is not installed: the pharmacy cannot tell who PID-3 names"
                    : "no patient of this hospital is known by PID-3 " + describe(rde.identifiers)));
        }
        String msh7 = m.field("MSH-7");
        long sentMs = msh7 == null ? System.currentTimeMillis() : Hl7Time.parse(msh7, z, "MSH", 1, 7);
        String actor = "hl7:" + sender;
        for (int attempt = 1; ; attempt++) {
            try {
                return file(m, rde, sender, mrn.get(), sentMs, actor, completion);
            } catch (RuntimeException e) {
                // Another delivery of the same order committed first: read again (it is then a resend, AA).
                if (attempt >= ATTEMPTS || !writtenMeanwhile(e)) {
                    throw e;
                }
            }
        }
    }

    private Optional<String> patient(RdeMessage rde) {
        PatientIdentities known = identities;
        if (known == null) {
            return Optional.empty();
        }
        for (RdeMessage.Identifier id : rde.identifiers) {
            Optional<String> mrn = known.mrn(id.value(), id.authority(), id.type(), PURPOSE);
            if (mrn.isPresent()) {
                return mrn;
            }
        }
        return Optional.empty();
    }

    /** Every order of the message, their audit records and the hub's completion, in one transaction. */
    private Outcome file(InboundMessage m, RdeMessage rde, String sender, String mrn, long sentMs, String actor,
            Completion completion) throws Exception {
        EntityManager em = emf.createEntityManager();
        try {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                List<String> done = new ArrayList<>(rde.orders.size());
                List<AuditEvent> trail = new ArrayList<>();
                for (RdeMessage.Order order : rde.orders) {
                    done.add(apply(em, order, sender, mrn, sentMs, actor, trail));
                }
                em.flush();
                Outcome outcome = Outcome.accepted(m.type() + " patient " + mrn + ": " + String.join("; ", done));
                try (Connection c = JpaTransactions.connection(em)) {
                    // Throws without committing when an earlier delivery is stored: rolled back below, and the hub
                    // answers it as the redelivery it is.
                    audit.recordAllCommittingWith(c, trail, () -> {
                        completion.commit(c, outcome, () -> {
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

    private String apply(EntityManager em, RdeMessage.Order order, String sender, String mrn, long sentMs,
            String actor, List<AuditEvent> trail) {
        String id = sender + ":" + order.placerOrderNumber();
        String detail = "RDE^O11 ORC-1 " + order.control() + " from " + sender;
        if (RdeMessage.CANCEL.equals(order.control())) {
            boolean found;
            try {
                found = intake.cancel(em, id, actor);
            } catch (ProblemException refused) {
                throw located(refused, order, id);
            }
            if (!found) {
                throw RdeMessage.error("ORC", order.orc(), 2, Hl7Error.UNKNOWN_KEY, "ORC-2 " + order.placerOrderNumber()
                        + " names no prescription " + sender + " sent: nothing to cancel");
            }
            trail.add(AuditEvent.of("UPDATE", "ph-prescription").resourceId(id).patientId(mrn).detail(detail + ": "
                    + "cancelled").build());
            return id + " cancelled";
        }
        ItemEntity item = order.giveCode() == null ? null : em.find(ItemEntity.class, order.giveCode());
        String itemCode = item != null && item.getActive() ? item.getCode() : null;
        PrescriptionIntake.Incoming incoming = new PrescriptionIntake.Incoming(id, mrn, null, order.drug(), itemCode,
                order.dose(), order.route(), order.frequency(), order.durationDays(), order.instructions(),
                order.quantity(), order.prescriber(), order.issuedMs() != null ? order.issuedMs() : sentMs, sender,
                order.placerOrderNumber());
        boolean queued;
        try {
            queued = intake.accept(em, incoming, actor);
        } catch (ProblemException refused) {
            throw located(refused, order, id);
        }
        if (!queued) {
            return id + " already queued";
        }
        trail.add(AuditEvent.of("CREATE", "ph-prescription").resourceId(id).patientId(mrn).detail(detail + ": "
                + "queued " + order.drug() + " x " + order.quantity().toPlainString()).build());
        return id + " queued " + (itemCode != null ? itemCode : "'" + order.drug() + "' (to match)");
    }

    /** The pharmacy's refusal at the order's ORC: 409 a state (record locked), else the content. */
    private static RuntimeException located(ProblemException refused, RdeMessage.Order order, String id) {
        if (refused.status() >= 500) {
            return refused; // not the message's content: AE "processing failed", parked for replay
        }
        int code = refused.status() == 409 ? Hl7Error.APPLICATION_RECORD_LOCKED
                : refused.status() == 404 ? Hl7Error.UNKNOWN_KEY : Hl7Error.REQUIRED_FIELD_MISSING;
        int field = refused.status() == 409 ? 1 : 2;
        return RdeMessage.error("ORC", order.orc(), field, code, "pharmacy refused " + id + " (ORC-1 "
                + order.control() + "): " + refused.detail());
    }

    private static String describe(List<RdeMessage.Identifier> ids) {
        List<String> parts = new ArrayList<>(ids.size());
        for (RdeMessage.Identifier id : ids) {
            parts.add(id.value() + (id.authority() == null ? "" : "^^^" + id.authority())
                    + (id.type() == null ? "" : "^" + id.type()));
        }
        return String.join(", ", parts);
    }

    /** A duplicate key or a stale version: another delivery of the same order wrote it meanwhile. */
    static boolean writtenMeanwhile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EntityExistsException || t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
