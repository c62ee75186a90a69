package org.pavilion.billing.internal.charges;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.billing.internal.pricing.PriceList;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.rest.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Charges: posted at the desk (priced by the {@link PriceList} on the service date), filed from the departments'
 * events exactly once per (source_type, source_id) — the unique constraint decides, and the loser of a race reads the
 * winner's row as "already charged" — or parked when they cannot be priced; cancelled while OPEN; parked ones posted
 * with a corrected code or discarded. Lists are in {@link ChargeQueries}.
 */
@Component(service = ChargeService.class, configurationPid = BillingConfig.PID)
public class ChargeService {

    static final String RESOURCE = "bl-charge";
    /** Tries of one filing when a concurrent delivery of the same source wrote it first (the next try reads it). */
    static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManagerFactory emf;
    private final PriceList prices;
    private final AuditService audit;
    private final DeclaredConstraints constraints;
    private volatile ZoneId zone;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientGate gate;

    @Activate
    public ChargeService(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference PriceList prices, @Reference AuditService audit,
            BillingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, prices, audit, null, zone(config), constraints);
    }

    /** Tests: {@code gate} null is the department's own rule (no EMR). */
    public ChargeService(EntityManagerFactory emf, PriceList prices, AuditService audit, PatientGate gate,
            ZoneId zone, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.prices = prices;
        this.audit = audit;
        this.gate = gate;
        this.zone = zone;
    }

    @Modified
    void modified(BillingConfig config) {
        zone = zone(config);
    }

    static ZoneId zone(BillingConfig config) {
        return config.zone() == null || config.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.zone());
    }

    /** The hospital's zone: service dates are its days. */
    public ZoneId zone() {
        return zone;
    }

    PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : PatientGate.withoutEmr(audit);
    }

    EntityManagerFactory emf() {
        return emf;
    }

    /** How a source is priced inside the filing transaction: a price, or why there is none. */
    public record Pricing(ChargeRows.Priced priced, String unpriced, String encounterId) {

        public Pricing(ChargeRows.Priced priced, String unpriced) {
            this(priced, unpriced, null);
        }

        static Pricing of(Optional<PriceList.Price> price, String unpriced) {
            return price.map(p -> new Pricing(ChargeRows.Priced.of(p), null)).orElse(new Pricing(null, unpriced));
        }
    }

    /** The price list's price of {@code code} on {@code day}. */
    public Function<EntityManager, Pricing> byCode(String code, LocalDate day) {
        return em -> code == null ? new Pricing(null, "no price code")
                : Pricing.of(prices.priceOf(code, day), "no price for code " + code + " on " + day);
    }

    /** The consultation fee of a visit on {@code day} (by doctor, specialty and service). */
    public Function<EntityManager, Pricing> consultation(String doctorId, String specialty, String serviceCode,
            LocalDate day) {
        return em -> Pricing.of(prices.consultation(doctorId, specialty, serviceCode, day), "no consultation price "
                + "for doctor " + doctorId + ", specialty " + specialty + ", service " + serviceCode + " on " + day);
    }

    /** A return's credit: at the price its dispense (PHARMACY charge of {@code dispenseId}) was charged at. */
    public Function<EntityManager, Pricing> asDispensed(String dispenseId) {
        return em -> {
            ChargeEntity dispensed = dispenseId == null ? null : ChargeRows.charged(em, ChargeRows.PHARMACY,
                    dispenseId);
            if (dispensed == null) {
                return new Pricing(null, "no charge of dispense " + dispenseId + " to credit");
            }
            if (ChargeRows.CANCELLED.equals(dispensed.getStatus())) {
                return new Pricing(null, "the charge of dispense " + dispenseId + " was cancelled");
            }
            // the credit goes with the dispense's encounter (the return event names none)
            return new Pricing(ChargeRows.Priced.as(dispensed), null, dispensed.getEncounterId());
        };
    }

    /**
     * Files what a department reported: its charge, or a parked charge when it has no price or no patient; exactly once
     * per source, also when two deliveries of it run at once (both answer the one row). A source parked earlier that
     * now has a price is posted and its parked row marked POSTED; one posted or discarded by staff stays so. Runs as
     * the feed (no patient gate: the subscriber or feed caller is audited as who acted).
     */
    public Filed file(ChargeRows.Incoming in, Function<EntityManager, Pricing> pricing, String actor) {
        if (in.sourceType() == null || in.sourceId() == null || in.sourceId().isBlank()) {
            throw new IllegalArgumentException("a charge from a source needs its type and id");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return BillingTransactions.run(emf, audit, "the charge of " + in.sourceType() + " " + in.sourceId(),
                        em -> fileIn(em, in, pricing.apply(em), actor));
            } catch (RuntimeException e) {
                // The loser of a race on the unique source: the next try finds the winner's row.
                if (attempt >= ATTEMPTS || !(ChargeRows.duplicate(e)
                        || e instanceof ProblemException p && p.status() == 409)) {
                    throw e;
                }
            }
        }
    }

    private Done<Filed> fileIn(EntityManager em, ChargeRows.Incoming in, Pricing pricing, String actor) {
        ChargeEntity existing = ChargeRows.charged(em, in.sourceType(), in.sourceId());
        if (existing != null) {
            return new Done<>(Filed.charged(existing, false), List.of());
        }
        ParkedChargeEntity parked = ChargeRows.parked(em, in.sourceType(), in.sourceId());
        if (parked != null && !ChargeRows.PARKED.equals(parked.getStatus())) {
            return new Done<>(Filed.parked(parked, false), List.of());
        }
        long now = System.currentTimeMillis();
        String unpriced = in.patientId() == null ? "no patient" : pricing.unpriced();
        if (unpriced != null) {
            if (parked != null) {
                return new Done<>(Filed.parked(parked, false), List.of());
            }
            ParkedChargeEntity p = ChargeRows.insertParked(em, in, unpriced, now);
            return new Done<>(Filed.parked(p, true), List.of(AuditEvent.of("CREATE", RESOURCE).resourceId(p.getId())
                    .patientId(in.patientId()).detail("parked " + in.sourceType() + " " + in.sourceId() + ": "
                            + unpriced).build()));
        }
        ChargeRows.Incoming filed = in.encounterId() != null || pricing.encounterId() == null ? in
                : new ChargeRows.Incoming(in.sourceType(), in.sourceId(), in.patientId(), pricing.encounterId(),
                        in.priceCode(), in.quantity(), in.serviceDate(), in.doctorId(), in.note(), in.payload());
        ChargeEntity c = ChargeRows.insertCharge(em, filed, in.patientId(), pricing.priced(), actor, now);
        if (parked != null) {
            ChargeRows.resolvePosted(parked, c, actor, "priced on a later delivery", now);
        }
        return new Done<>(Filed.charged(c, true), List.of(AuditEvent.of("CREATE", RESOURCE).resourceId(c.getId())
                .patientId(c.getPatientId()).detail(in.sourceType() + " " + in.sourceId() + ": " + c.getPriceCode()
                        + " x " + c.getQuantity().toPlainString()).build()));
    }

    /** POST /charges: a MANUAL charge at the list price of the service date (today when not given). */
    public Charge post(ChargeBodies.NewCharge body) {
        // What NewCharge declares, every broken field in one 400; then the quantity and the price (422).
        constraints.check(body);
        String patientId = body.patientId.strip();
        String code = body.priceCode.strip();
        BigDecimal quantity = Amounts.parseQuantity("quantity", body.quantity, false);
        LocalDate day = body.serviceDate == null ? LocalDate.now(zone) : date("serviceDate", body.serviceDate);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), patientId, true, "CREATE", RESOURCE);
        PriceList.Price price = prices.priceOf(code, day).orElseThrow(() -> ProblemException.unprocessable(
                "no price for code " + code + " on " + day));
        String actor = PatientGate.actor("system");
        ChargeRows.Incoming in = new ChargeRows.Incoming(ChargeRows.MANUAL, UUID.randomUUID().toString(),
                allowed.mrn(), blankToNull(body.encounterId), code, quantity, day, blankToNull(body.doctorId),
                blankToNull(body.note), null);
        return BillingTransactions.run(emf, audit, "the charge", em -> {
            ChargeEntity c = ChargeRows.insertCharge(em, in, allowed.mrn(), ChargeRows.Priced.of(price), actor,
                    System.currentTimeMillis());
            return Done.of(Charge.of(c), allowed.audit().resourceId(c.getId()).detail("manual charge " + code + " x "
                    + quantity.toPlainString()).build());
        });
    }

    /** POST /charges/{id}/cancel: only an OPEN charge; an invoiced or cancelled one is 409. */
    public Charge cancel(String id, ChargeBodies.Reason body) {
        constraints.check(body);
        String reason = body.reason.strip();
        String actor = PatientGate.actor("system");
        return BillingTransactions.run(emf, audit, "the charge", em -> {
            ChargeEntity c = em.find(ChargeEntity.class, id);
            if (c == null) {
                throw ProblemException.notFound("Charge", id);
            }
            PatientGate.Allowed allowed = PatientGate.allow(gate(), c.getPatientId(), true, "UPDATE", RESOURCE);
            if (!ChargeRows.OPEN.equals(c.getStatus())) {
                throw ProblemException.conflict("charge " + id + " is " + c.getStatus() + ": only an OPEN charge can "
                        + "be cancelled" + (ChargeRows.INVOICED.equals(c.getStatus()) ? " (void or credit its invoice)"
                        : ""));
            }
            c.setStatus(ChargeRows.CANCELLED);
            c.setCancelReason(reason);
            c.setCancelledMs(System.currentTimeMillis());
            c.setCancelledBy(ChargeRows.clip(actor, 100));
            return Done.of(Charge.of(c), allowed.audit().resourceId(id).detail("cancelled: " + reason).build());
        });
    }

    /**
     * POST /parked-charges/{id}/post: the parked charge posted with the corrected code (else its own) for the
     * corrected patient (else its own); the parked row POSTED. A return without a corrected code credits at its
     * dispense's price when that charge exists now.
     */
    public Charge postParked(String id, ChargeBodies.PostParked body) {
        String newCode = blankToNull(body == null ? null : body.priceCode);
        String newPatient = blankToNull(body == null ? null : body.patientId);
        String actor = PatientGate.actor("system");
        try {
            return BillingTransactions.run(emf, audit, "the parked charge", em -> {
                ParkedChargeEntity p = em.find(ParkedChargeEntity.class, id);
                if (p == null) {
                    throw ProblemException.notFound("Parked charge", id);
                }
                if (!ChargeRows.PARKED.equals(p.getStatus())) {
                    throw ProblemException.conflict("parked charge " + id + " is " + p.getStatus() + " already");
                }
                String patient = newPatient != null ? newPatient : p.getPatientId();
                if (patient == null) {
                    throw ProblemException.unprocessable("parked charge " + id + " names no patient: give patientId");
                }
                PatientGate.Allowed allowed = PatientGate.allow(gate(), patient, true, "CREATE", RESOURCE);
                LocalDate day = p.getServiceDate() == null ? LocalDate.now(zone) : LocalDate.parse(p.getServiceDate());
                ChargeRows.Priced priced = price(em, p, newCode, day);
                BigDecimal quantity = p.getQuantity() != null ? p.getQuantity() : BigDecimal.ONE;
                ChargeRows.Incoming in = new ChargeRows.Incoming(p.getSourceType(), p.getSourceId(), allowed.mrn(),
                        p.getEncounterId(), priced.code(), quantity, day, p.getDoctorId(), null, null);
                ChargeEntity existing = ChargeRows.charged(em, p.getSourceType(), p.getSourceId());
                if (existing != null) {
                    throw ProblemException.conflict(p.getSourceType() + " " + p.getSourceId() + " is charged already "
                            + "(charge " + existing.getId() + "): discard the parked one");
                }
                long now = System.currentTimeMillis();
                ChargeEntity c = ChargeRows.insertCharge(em, in, allowed.mrn(), priced, actor, now);
                ChargeRows.resolvePosted(p, c, actor, newCode != null && !newCode.equals(p.getPriceCode())
                        ? "posted with corrected code " + newCode : "posted", now);
                return Done.of(Charge.of(c), allowed.audit().resourceId(c.getId()).detail("posted parked charge " + id
                        + " as " + priced.code() + " x " + quantity.toPlainString()).build());
            });
        } catch (RuntimeException e) {
            if (ChargeRows.duplicate(e)) {
                throw ProblemException.conflict("parked charge " + id + " was posted by someone else meanwhile");
            }
            throw e;
        }
    }

    private ChargeRows.Priced price(EntityManager em, ParkedChargeEntity p, String newCode, LocalDate day) {
        if (newCode == null && ChargeRows.PHARMACY_RETURN.equals(p.getSourceType())) {
            String dispenseId = payloadText(p.getPayload(), "dispenseId");
            Pricing credit = asDispensed(dispenseId).apply(em);
            if (credit.priced() != null) {
                return credit.priced();
            }
        }
        String code = newCode != null ? newCode : p.getPriceCode();
        if (code == null) {
            throw ProblemException.unprocessable("parked charge " + p.getId() + " has no price code: give priceCode");
        }
        return prices.priceOf(code, day).map(ChargeRows.Priced::of).orElseThrow(() -> ProblemException
                .unprocessable("no price for code " + code + " on " + day));
    }

    /** POST /parked-charges/{id}/discard: a PARKED one only, with the reason. */
    public ParkedCharge discard(String id, ChargeBodies.Reason body) {
        constraints.check(body);
        String reason = body.reason.strip();
        String actor = PatientGate.actor("system");
        return BillingTransactions.run(emf, audit, "the parked charge", em -> {
            ParkedChargeEntity p = em.find(ParkedChargeEntity.class, id);
            if (p == null) {
                throw ProblemException.notFound("Parked charge", id);
            }
            AuditEvent.Builder record = p.getPatientId() == null ? AuditEvent.of("UPDATE", RESOURCE)
                    : PatientGate.allow(gate(), p.getPatientId(), true, "UPDATE", RESOURCE).audit();
            if (!ChargeRows.PARKED.equals(p.getStatus())) {
                throw ProblemException.conflict("parked charge " + id + " is " + p.getStatus() + " already");
            }
            p.setStatus(ChargeRows.DISCARDED);
            p.setResolvedMs(System.currentTimeMillis());
            p.setResolvedBy(ChargeRows.clip(actor, 100));
            p.setResolutionNote(reason);
            return Done.of(ParkedCharge.of(p), record.resourceId(id).detail("discarded parked " + p.getSourceType()
                    + " " + p.getSourceId() + ": " + reason).build());
        });
    }

    static String payloadText(String payload, String field) {
        if (payload == null) {
            return null;
        }
        try {
            JsonNode v = JSON.readTree(payload).get(field);
            return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
        } catch (java.io.IOException | RuntimeException notJson) {
            return null; // an HL7 message: no dispense to look up
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " is a date yyyy-MM-dd, was " + text);
        }
    }
}
