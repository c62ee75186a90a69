package org.pavilion.billing.internal.hl7;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.charges.ChargeRows;
import org.pavilion.billing.internal.charges.ParkedChargeEntity;
import org.pavilion.billing.internal.pricing.PriceList;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

/**
 * DFT^P03 from a department system billing has no events from (a radiology or theatre system): one charge per FT1
 * under {@code HL7 / <MSH-3>:<FT1-2>} (docs/billing-api.md). One message is one transaction: its charges, their
 * audit records and the hub's record of the message commit together ({@link Completion#commit}), so the AA follows the
 * commit and a resent message finds its charges ("already charged", AA, nothing new).
 *
 * <p>A message that cannot be charged whole — an FT1 whose code has no price on its date, or (with the EMR) a patient
 * nobody knows by PID-3 — is answered AE at that FT1-7 or PID-3, and all its FT1s are parked in the same commit, kept
 * for billing staff to post with a corrected code or patient; nothing is charged twice when it is replayed or resent
 * later: a parked FT1 that can be priced then is posted, and its parked row marked POSTED.
 */
@Component(service = Hl7Handler.class)
public class DftHandler implements Hl7Handler {

    static final Set<String> TYPES = Set.of("DFT^P03");
    static final String RESOURCE = "bl-charge";
    static final String PURPOSE = "HL7 DFT^P03 charges for billing";
    /** Tries of one message when a concurrent delivery of the same transactions wrote them first. */
    static final int ATTEMPTS = 3;

    private final EntityManagerFactory emf;
    private final PriceList prices;
    private final AuditService audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientIdentities identities;

    @Activate
    public DftHandler(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference PriceList prices, @Reference AuditService audit) {
        this(emf, prices, audit, null);
    }

    DftHandler(EntityManagerFactory emf, PriceList prices, AuditService audit, PatientIdentities identities) {
        this.emf = emf;
        this.prices = prices;
        this.audit = audit;
        this.identities = identities;
    }

    @Override
    public Set<String> messageTypes() {
        return TYPES;
    }

    @Override
    public String department() {
        return "billing";
    }

    @Override
    public Outcome handle(InboundMessage m, Completion completion) throws Exception {
        if (!TYPES.contains(m.type())) {
            return Outcome.rejected(Hl7Error.of(Hl7Error.UNSUPPORTED_EVENT_CODE, "billing takes DFT^P03, not "
                    + m.type()));
        }
        String sender = m.sendingApplication();
        if (sender.isEmpty()) {
            throw new Hl7ContentException(Hl7Error.at("MSH", 3, Hl7Error.REQUIRED_FIELD_MISSING,
                    "MSH-3 (sending application) is required: it is part of each charge's id"));
        }
        DftMessage dft = DftMessage.read(m, sender);
        Optional<String> mrn = patient(dft);
        String actor = "hl7:" + sender;
        for (int attempt = 1; ; attempt++) {
            try {
                return file(m, dft, mrn.orElse(null), actor, completion);
            } catch (RuntimeException e) {
                // Another delivery of the same transactions committed first: read again (then "already charged").
                if (attempt >= ATTEMPTS || !ChargeRows.duplicate(e)) {
                    throw e;
                }
            }
        }
    }

    /** The MRN PID-3 names: asked of the EMR while it is installed; else the MR identifier (or the first) as sent. */
    private Optional<String> patient(DftMessage dft) {
        PatientIdentities known = identities;
        if (known == null) {
            return Optional.of(dft.identifiers.stream().filter(i -> "MR".equals(i.type())).findFirst()
                    .orElse(dft.identifiers.get(0)).value());
        }
        for (DftMessage.Identifier id : dft.identifiers) {
            Optional<String> found = known.mrn(id.value(), id.authority(), id.type(), PURPOSE);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The message's charges (or parked charges), their audit records and the hub's completion in one transaction. */
    private Outcome file(InboundMessage m, DftMessage dft, String mrn, String actor, Completion completion)
            throws Exception {
        List<Optional<PriceList.Price>> priced = new ArrayList<>();
        Hl7Error refused = mrn == null ? Hl7Error.at("PID", 3, Hl7Error.UNKNOWN_KEY, "no patient of this hospital "
                + "is known by PID-3 " + dft.identifiers.get(0).value() + ": its charges are parked") : null;
        for (DftMessage.Transaction t : dft.transactions) {
            Optional<PriceList.Price> p = t.code() == null ? Optional.empty() : prices.priceOf(t.code(), t.day());
            priced.add(p);
            if (refused == null && p.isEmpty()) {
                refused = new Hl7Error("FT1", t.repetition(), 7, 1, t.code() == null ? Hl7Error.REQUIRED_FIELD_MISSING
                        : Hl7Error.TABLE_VALUE_NOT_FOUND, (t.code() == null ? "FT1-7 names no price code"
                        : "no price for code " + t.code() + " on " + t.day()) + ": the message's charges are parked");
            }
        }
        EntityManager em = emf.createEntityManager();
        try {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                long now = System.currentTimeMillis();
                List<String> done = new ArrayList<>();
                List<AuditEvent> trail = new ArrayList<>();
                for (int i = 0; i < dft.transactions.size(); i++) {
                    DftMessage.Transaction t = dft.transactions.get(i);
                    done.add(apply(em, m, dft, t, priced.get(i), mrn, refused, actor, now, trail));
                }
                em.flush();
                Outcome outcome = refused == null ? Outcome.accepted("DFT^P03 patient " + mrn + ": "
                        + String.join("; ", done)) : Outcome.error(refused);
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

    private String apply(EntityManager em, InboundMessage m, DftMessage dft, DftMessage.Transaction t,
            Optional<PriceList.Price> price, String mrn, Hl7Error refused, String actor, long now,
            List<AuditEvent> trail) {
        ChargeEntity existing = ChargeRows.charged(em, ChargeRows.HL7, t.sourceId());
        if (existing != null) {
            return t.sourceId() + " already charged";
        }
        ParkedChargeEntity parked = ChargeRows.parked(em, ChargeRows.HL7, t.sourceId());
        if (parked != null && !ChargeRows.PARKED.equals(parked.getStatus())) {
            return t.sourceId() + " already " + parked.getStatus().toLowerCase();
        }
        ChargeRows.Incoming in = new ChargeRows.Incoming(ChargeRows.HL7, t.sourceId(), mrn, dft.encounterId, t.code(),
                t.quantity(), t.day(), t.doctorId(), null, m.text());
        if (refused != null) {
            if (parked != null) {
                return t.sourceId() + " already parked";
            }
            String reason = mrn == null ? "unknown patient PID-3 " + dft.identifiers.get(0).value()
                    : price.isEmpty() ? (t.code() == null ? "FT1-7 names no price code" : "no price for code "
                            + t.code() + " on " + t.day()) : "parked with its message: " + refused.text();
            ParkedChargeEntity p = ChargeRows.insertParked(em, in, reason, now);
            trail.add(AuditEvent.of("CREATE", RESOURCE).resourceId(p.getId()).patientId(mrn).detail("DFT^P03 "
                    + t.sourceId() + " parked: " + reason).build());
            return t.sourceId() + " parked";
        }
        ChargeEntity c = ChargeRows.insertCharge(em, in, mrn, ChargeRows.Priced.of(price.get()), actor, now);
        if (parked != null) {
            ChargeRows.resolvePosted(parked, c, actor, "priced when the message came again", now);
        }
        trail.add(AuditEvent.of("CREATE", RESOURCE).resourceId(c.getId()).patientId(mrn).detail("DFT^P03 "
                + t.sourceId() + ": " + c.getPriceCode() + " x " + c.getQuantity().toPlainString()).build());
        return t.sourceId() + " charged " + c.getPriceCode() + " x " + c.getQuantity().toPlainString();
    }
}
