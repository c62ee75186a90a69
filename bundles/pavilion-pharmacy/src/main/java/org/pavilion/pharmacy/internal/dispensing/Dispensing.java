package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.pharmacy.api.MedicationReturned;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.access.PatientGate;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;
import org.pavilion.pharmacy.internal.stock.BatchEntity;
import org.pavilion.pharmacy.internal.stock.Fefo;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * Handing medicine over against a prescription, and taking unused medicine back. A dispense is one transaction: the
 * DISPENSE movements (FEFO, or the batch the pharmacist names), the dispense row, the prescription's quantity and
 * status, {@code MedicationDispensed} and the audit record. The allergy check runs before it (the EMR audits its own
 * read): a match stops the dispense unless the pharmacist gives a reason and holds {@value #OVERRIDE}.
 */
@Component(service = Dispensing.class, configurationPid = PharmacyConfig.PID)
// No @Designate: PharmacyConfig's own pid designates it, and bnd refuses a second designate of that pid.
public class Dispensing {

    static final String RESOURCE = "ph-dispense";
    /** Dispensing despite an allergy warning. */
    static final String OVERRIDE = "pharmacy.allergy.override";

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final EventPublisher events;
    private final StockLedger ledger;
    private final LongSupplier clock;
    private final DeclaredConstraints constraints;
    private final PatientGate withoutEmr;
    private volatile DispensingSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile AllergySource allergies;

    @Activate
    public Dispensing(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference StockLedger ledger,
            PharmacyConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, events, ledger, DispensingSettings.of(config), null, null, System::currentTimeMillis,
                constraints);
    }

    /** For tests: {@code gate} null for the department's own rule, {@code allergies} null as without the EMR. */
    public Dispensing(EntityManagerFactory emf, AuditService audit, EventPublisher events, StockLedger ledger,
            DispensingSettings settings, PatientGate gate, AllergySource allergies, LongSupplier clock,
            DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.audit = audit;
        this.events = events;
        this.ledger = ledger;
        this.settings = settings;
        this.gate = gate;
        this.allergies = allergies;
        this.clock = clock;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    @Modified
    void modified(PharmacyConfig config) {
        settings = DispensingSettings.of(config);
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** POST /prescriptions/{id}/dispenses. */
    public Views.Dispense dispense(String prescriptionId, Bodies.Dispense in) {
        // Every rule Dispense declares, all broken ones in one 400; then the quantity is parsed.
        constraints.check(in);
        BigDecimal quantity = Inputs.quantity(in.quantity, "quantity");
        DispensingSettings s = settings;
        String storeCode = Inputs.stripped(in.storeCode);
        String store = storeCode == null ? s.defaultStore() : storeCode;
        String batchNumber = Inputs.stripped(in.batchNumber);
        String reason = Inputs.stripped(in.overrideReason);
        JpaTransactions jpa = new JpaTransactions(emf);
        PrescriptionEntity found = jpa.call(em -> em.find(PrescriptionEntity.class, prescriptionId));
        if (found == null) {
            throw ProblemException.notFound("Prescription", prescriptionId);
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), true, "DISPENSE", RESOURCE);
        ItemEntity item = found.getItemCode() == null ? null
                : jpa.call(em -> em.find(ItemEntity.class, found.getItemCode()));
        Allergies allergy = item == null || !PrescriptionStatus.open(found.getStatus()) ? new Allergies(null, null)
                : checkAllergies(prescriptionId, item, reason, s, allowed);
        String actor = PatientGate.actor("system");
        long now = clock.getAsLong();
        try {
            return PharmacyTransactions.run(emf, audit, "prescription " + prescriptionId, em -> write(em, prescriptionId,
                    item, store, quantity, batchNumber, allergy.warning(), allergy.overrideReason(), actor, now,
                    allowed));
        } catch (ProblemException e) {
            audit.record(allowed.audit().resourceId(prescriptionId).outcome(AuditOutcome.FAILED)
                    .detail("not dispensed: " + e.detail()).build());
            throw e;
        }
    }

    /** What the allergy check leaves on a dispense: the warning (or why none was checked), the reason overriding it. */
    private record Allergies(String warning, String overrideReason) {
    }

    /**
     * Asks the EMR for the patient's allergies (it audits its own read) before the dispense's transaction. A match
     * without a reason: 409 {@code allergy-warning}; with one but without {@value #OVERRIDE}: 403; both audited.
     */
    private Allergies checkAllergies(String prescriptionId, ItemEntity item, String reason, DispensingSettings s,
            PatientGate.Allowed allowed) {
        AllergyCheck.Result checked = AllergyCheck.of(allergies, s.allergyCheck(), allowed.mrn(), item);
        if (checked.touched().isEmpty()) {
            return new Allergies(checked.notChecked(), null); // a reason without a warning overrides nothing
        }
        String warning = "allergy warning: " + AllergyCheck.describe(checked.touched());
        if (reason == null) {
            audit.record(allowed.audit().resourceId(prescriptionId).outcome(AuditOutcome.FAILED)
                    .detail("not dispensed, " + warning).build());
            throw AllergyCheck.warning(item, checked.touched());
        }
        if (!CallerContext.current().map(c -> c.hasPrivilege(OVERRIDE)).orElse(false)) {
            String why = "dispensing despite an allergy warning needs the privilege " + OVERRIDE;
            audit.record(allowed.audit().resourceId(prescriptionId).outcome(AuditOutcome.DENIED)
                    .detail(why + "; " + warning + "; reason given: " + reason).build());
            throw ProblemException.forbidden(why);
        }
        return new Allergies(warning, reason);
    }

    private AuditedTransaction.Done<Views.Dispense> write(EntityManager em, String prescriptionId, ItemEntity checked,
            String storeCode, BigDecimal quantity, String batchNumber, String allergyWarning, String overrideReason,
            String actor, long now, PatientGate.Allowed allowed) {
        PrescriptionEntity p = em.find(PrescriptionEntity.class, prescriptionId);
        if (!PrescriptionStatus.open(p.getStatus())) {
            throw ProblemException.conflict("prescription " + prescriptionId + " is " + p.getStatus()
                    + ": nothing more is dispensed against it");
        }
        if (p.getItemCode() == null || p.getQuantityPrescribed() == null) {
            throw ProblemException.conflict("prescription " + prescriptionId + " ('" + p.getDrug() + "') needs "
                    + (p.getItemCode() == null ? "a catalogue item" : "a quantity")
                    + " before it is dispensed: set it with PUT /prescriptions/" + prescriptionId);
        }
        if (checked == null || !checked.getCode().equals(p.getItemCode())) {
            throw PharmacyProblems.changedMeanwhile("prescription " + prescriptionId);
        }
        BigDecimal left = p.getQuantityPrescribed().subtract(p.getQuantityDispensed());
        if (quantity.compareTo(left) > 0) {
            throw PharmacyProblems.unprocessable(Views.plain(quantity) + " " + checked.getUnitOfIssue() + " asked, "
                    + Views.plain(left) + " left to dispense on prescription " + prescriptionId);
        }
        StoreEntity store = em.find(StoreEntity.class, storeCode);
        if (store == null || !store.getActive() || !store.getDispensing()) {
            throw PharmacyProblems.unprocessable("store " + storeCode + (store == null ? " is unknown"
                    : store.getActive() ? " does not dispense" : " is closed"));
        }
        String dispenseId = UUID.randomUUID().toString();
        List<DispenseEvents.Taken> taken = new ArrayList<>();
        List<StockLedger.Movement> moves = new ArrayList<>();
        if (batchNumber != null) {
            BatchEntity b = batch(em, p.getItemCode(), batchNumber);
            taken.add(new DispenseEvents.Taken(b.getBatchNumber(), b.getExpiryDate(), quantity));
            moves.add(out(storeCode, p.getItemCode(), b.getId(), quantity, dispenseId));
        } else {
            LocalDate day = ledger.dayOf(now);
            for (Fefo.Take t : Fefo.allocate(em, storeCode, p.getItemCode(), quantity, day)) {
                taken.add(new DispenseEvents.Taken(t.batch().batchNumber(), t.batch().expiryDate(), t.quantity()));
                moves.add(out(storeCode, p.getItemCode(), t.batch().batchId(), t.quantity(), dispenseId));
            }
        }
        ledger.post(em, actor, now, moves);
        DispenseEntity d = new DispenseEntity();
        d.setId(dispenseId);
        d.setPrescriptionId(p.getId());
        d.setPatientId(allowed.mrn()); // the survivor's MRN when the prescription's record was merged
        d.setStoreCode(storeCode);
        d.setItemCode(p.getItemCode());
        d.setQuantity(quantity);
        d.setQuantityReturned(BigDecimal.ZERO);
        d.setDispensedMs(now);
        d.setDispensedBy(actor);
        d.setAllergyWarning(allergyWarning);
        d.setOverrideReason(overrideReason);
        em.persist(d);
        p.setQuantityDispensed(p.getQuantityDispensed().add(quantity));
        p.setStatus((p.getQuantityDispensed().compareTo(p.getQuantityPrescribed()) >= 0
                ? PrescriptionStatus.DISPENSED : PrescriptionStatus.PARTIALLY_DISPENSED).name());
        events.publish(em, MedicationDispensed.TYPE, DispenseEvents.subject(p.getId()),
                DispenseEvents.dispensed(p, d, checked, taken));
        Views.Dispense view = new DispenseViews(em).dispense(d);
        AuditEvent record = allowed.audit().resourceId(dispenseId).detail("dispensed " + view.quantity + " "
                + view.unit + " " + view.itemCode + " from " + storeCode + " on prescription " + p.getId() + " ("
                + p.getStatus() + ")" + (overrideReason == null ? allergyWarning == null ? "" : "; " + allergyWarning
                        : "; " + allergyWarning + "; overridden, reason: " + overrideReason)).build();
        return new AuditedTransaction.Done<>(view, List.of(record));
    }

    private static StockLedger.Movement out(String store, String item, String batchId, BigDecimal q, String dispenseId) {
        return new StockLedger.Movement(MovementKind.DISPENSE, store, item, batchId, q.negate(), null,
                DispenseBatches.DISPENSE, dispenseId, null);
    }

    private static BatchEntity batch(EntityManager em, String itemCode, String batchNumber) {
        List<BatchEntity> found = em.createQuery("SELECT b FROM BatchEntity b WHERE b.itemCode = :item"
                        + " AND b.batchNumber = :number", BatchEntity.class)
                .setParameter("item", itemCode).setParameter("number", batchNumber).getResultList();
        if (found.isEmpty()) {
            throw PharmacyProblems.unprocessable("no batch " + batchNumber + " of " + itemCode + " is known");
        }
        return found.get(0);
    }

    /**
     * POST /dispenses/{id}/returns: unused medicine back into the dispense's store, into the batches it came from,
     * latest expiry first (the units handed over last come back first). The prescription is not reopened.
     */
    public Views.Dispense returnDispense(String dispenseId, Bodies.Return in) {
        constraints.check(in);
        BigDecimal quantity = Inputs.quantity(in.quantity, "quantity");
        String reason = in.reason.strip();
        JpaTransactions jpa = new JpaTransactions(emf);
        DispenseEntity found = jpa.call(em -> em.find(DispenseEntity.class, dispenseId));
        if (found == null) {
            throw ProblemException.notFound("Dispense", dispenseId);
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), true, "RETURN", RESOURCE);
        String actor = PatientGate.actor("system");
        long now = clock.getAsLong();
        try {
            return PharmacyTransactions.run(emf, audit, "dispense " + dispenseId,
                    em -> takeBack(em, dispenseId, quantity, reason, actor, now, allowed));
        } catch (ProblemException e) {
            audit.record(allowed.audit().resourceId(dispenseId).outcome(AuditOutcome.FAILED)
                    .detail("not returned: " + e.detail()).build());
            throw e;
        }
    }

    private AuditedTransaction.Done<Views.Dispense> takeBack(EntityManager em, String dispenseId, BigDecimal quantity,
            String reason, String actor, long now, PatientGate.Allowed allowed) {
        DispenseEntity d = em.find(DispenseEntity.class, dispenseId);
        BigDecimal held = d.getQuantity().subtract(d.getQuantityReturned());
        if (quantity.compareTo(held) > 0) {
            throw PharmacyProblems.unprocessable(Views.plain(quantity) + " returned, but dispense " + dispenseId
                    + " handed over " + Views.plain(d.getQuantity()) + " of which " + Views.plain(d.getQuantityReturned())
                    + " came back already");
        }
        List<DispenseBatches.Held> batches = new ArrayList<>(
                DispenseBatches.of(em, List.of(dispenseId)).getOrDefault(dispenseId, List.of()));
        batches.sort(DispenseBatches.FEFO.reversed());
        String returnId = UUID.randomUUID().toString();
        List<StockLedger.Movement> moves = new ArrayList<>();
        BigDecimal left = quantity;
        for (DispenseBatches.Held h : batches) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal back = h.quantity().min(left);
            if (back.signum() > 0) {
                moves.add(new StockLedger.Movement(MovementKind.RETURN, d.getStoreCode(), d.getItemCode(), h.batchId(),
                        back, reason, DispenseBatches.RETURN, returnId, dispenseId));
                left = left.subtract(back);
            }
        }
        if (left.signum() > 0) { // the ledger and the dispense row disagree: refuse rather than invent a batch
            throw ProblemException.conflict("the ledger holds less of dispense " + dispenseId + " than its row says");
        }
        ledger.post(em, actor, now, moves);
        d.setQuantityReturned(d.getQuantityReturned().add(quantity));
        DispenseViews views = new DispenseViews(em);
        ItemEntity item = views.item(d.getItemCode());
        events.publish(em, MedicationReturned.TYPE, DispenseEvents.subject(d.getPrescriptionId()),
                DispenseEvents.returned(returnId, d, item, quantity, reason, actor, now));
        Views.Dispense view = views.dispense(d);
        AuditEvent record = allowed.audit().resourceId(dispenseId).detail("returned " + Views.plain(quantity) + " "
                + item.getUnitOfIssue() + " " + d.getItemCode() + " into " + d.getStoreCode() + " (return " + returnId
                + "): " + reason).build();
        return new AuditedTransaction.Done<>(view, List.of(record));
    }
}
