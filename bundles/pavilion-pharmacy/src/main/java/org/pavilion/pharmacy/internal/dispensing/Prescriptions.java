package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.PharmacyProblems;
import org.pavilion.pharmacy.internal.access.PatientGate;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;

/**
 * The dispensing queue and one prescription: listed oldest first, read with its dispenses and the allergies its
 * item touches, and matched by the pharmacist to a catalogue item and a quantity when the prescriber's text did not
 * name one. Reads are audited per patient shown.
 */
@Component(service = Prescriptions.class, configurationPid = PharmacyConfig.PID)
// No @Designate: PharmacyConfig's own pid designates it, and bnd refuses a second designate of that pid.
public class Prescriptions {

    private final EntityManagerFactory emf;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final DeclaredConstraints constraints;
    private final PatientGate withoutEmr;
    private volatile DispensingSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile AllergySource allergies;

    @Activate
    public Prescriptions(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference AuditService audit, PharmacyConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, DispensingSettings.of(config), null, null, constraints);
    }

    /** For tests: {@code gate} null for the department's own rule, {@code allergies} null as without the EMR. */
    public Prescriptions(EntityManagerFactory emf, AuditService audit, DispensingSettings settings, PatientGate gate,
            AllergySource allergies, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.settings = settings;
        this.gate = gate;
        this.allergies = allergies;
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

    /** GET /queue: PENDING and PARTIALLY_DISPENSED (or one {@code status}), oldest first, of everyone or one patient. */
    public Page<Views.Prescription> queue(String status, String patientId, int page, int size) {
        Page.validate(page, size);
        Set<String> statuses = statuses(status);
        String patient = patientId == null || patientId.isBlank() ? null : patientId.strip();
        PatientGate.Allowed allowed = patient == null ? null
                : PatientGate.allow(gate(), patient, false, "SEARCH", PrescriptionIntakeService.RESOURCE);
        Page<Views.Prescription> answer = jpa.call(em -> {
            String where = " WHERE p.status IN :statuses" + (allowed == null ? "" : " AND p.patientId = :mrn");
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) FROM PrescriptionEntity p" + where, Long.class)
                    .setParameter("statuses", List.copyOf(statuses));
            TypedQuery<PrescriptionEntity> rows = em.createQuery("SELECT p FROM PrescriptionEntity p" + where
                    + " ORDER BY p.issuedMs, p.id", PrescriptionEntity.class)
                    .setParameter("statuses", List.copyOf(statuses));
            if (allowed != null) {
                count.setParameter("mrn", allowed.mrn());
                rows.setParameter("mrn", allowed.mrn());
            }
            DispenseViews views = new DispenseViews(em);
            List<Views.Prescription> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList()
                    .stream().map(views::prescription).toList();
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        if (allowed != null) {
            audit.record(allowed.audit().detail("dispensing queue " + statuses + ": " + answer.getItems().size()
                    + " of " + answer.getTotal()).build());
        } else {
            // the whole queue shows many patients: one record for each patient on the page
            Set<String> shown = new LinkedHashSet<>();
            answer.getItems().forEach(p -> shown.add(p.patientId));
            List<AuditEvent> records = new ArrayList<>();
            for (String mrn : shown) {
                records.add(AuditEvent.of("SEARCH", PrescriptionIntakeService.RESOURCE).patientId(mrn)
                        .detail("dispensing queue " + statuses + " page " + page).build());
            }
            if (records.isEmpty()) {
                records.add(AuditEvent.of("SEARCH", PrescriptionIntakeService.RESOURCE)
                        .detail("dispensing queue " + statuses + " page " + page + ": empty").build());
            }
            audit.recordAll(records);
        }
        return answer;
    }

    private static Set<String> statuses(String status) {
        if (status == null || status.isBlank()) {
            return PrescriptionStatus.OPEN;
        }
        String s = status.strip().toUpperCase(Locale.ROOT);
        try {
            return Set.of(PrescriptionStatus.valueOf(s).name());
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("status must be one of PENDING, PARTIALLY_DISPENSED, DISPENSED,"
                    + " STOPPED, CANCELLED (was '" + status.strip() + "')");
        }
    }

    /** GET /prescriptions/{id}: with its dispenses (oldest first) and the allergies its item touches. */
    public Views.Prescription get(String id) {
        PrescriptionEntity found = find(id);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), false, "READ",
                PrescriptionIntakeService.RESOURCE);
        Views.Prescription v = jpa.call(em -> {
            DispenseViews views = new DispenseViews(em);
            Views.Prescription p = views.prescription(em.find(PrescriptionEntity.class, id));
            p.dispenses = views.dispenses(em.createQuery("SELECT d FROM DispenseEntity d WHERE d.prescriptionId = :id"
                    + " ORDER BY d.dispensedMs, d.id", DispenseEntity.class).setParameter("id", id).getResultList());
            return p;
        });
        ItemEntity item = v.itemCode == null ? null : jpa.call(em -> em.find(ItemEntity.class, v.itemCode));
        if (item != null) {
            DispensingSettings s = settings;
            AllergyCheck.Result checked = AllergyCheck.of(allergies, s.allergyCheck(), allowed.mrn(), item);
            v.allergyWarnings = checked.notChecked() != null ? null
                    : checked.touched().stream().map(AllergyCheck::view).toList();
        }
        audit.record(allowed.audit().resourceId(id).detail(v.drug + ", " + v.status).build());
        return v;
    }

    /** PUT /prescriptions/{id}: the catalogue item and the quantity, while the prescription is open. */
    public Views.Prescription match(String id, Bodies.Match in) {
        // Every rule Match declares, all broken ones in one 400; then the quantity is parsed.
        constraints.check(in);
        String itemCode = in.itemCode.strip();
        BigDecimal quantity = Inputs.quantity(in.quantityPrescribed, "quantityPrescribed");
        PrescriptionEntity found = find(id);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), true, "UPDATE",
                PrescriptionIntakeService.RESOURCE);
        return PharmacyTransactions.run(emf, audit, "prescription " + id, em -> {
            PrescriptionEntity p = em.find(PrescriptionEntity.class, id);
            if (p.getVersion() != in.version) {
                throw PharmacyProblems.changedMeanwhile("prescription " + id);
            }
            if (!PrescriptionStatus.open(p.getStatus())) {
                throw ProblemException.conflict("prescription " + id + " is " + p.getStatus() + ": it is not changed");
            }
            ItemEntity item = em.find(ItemEntity.class, itemCode);
            if (item == null || !item.getActive()) {
                throw PharmacyProblems.unprocessable("no active item " + itemCode + " in the catalogue");
            }
            if (p.getQuantityDispensed().signum() > 0 && !itemCode.equals(p.getItemCode())) {
                throw ProblemException.conflict("prescription " + id + " was dispensed as " + p.getItemCode()
                        + " already: its item does not change");
            }
            if (quantity.compareTo(p.getQuantityDispensed()) < 0) {
                throw PharmacyProblems.unprocessable("quantityPrescribed " + Views.plain(quantity) + " is less than the "
                        + Views.plain(p.getQuantityDispensed()) + " dispensed already");
            }
            String before = p.getItemCode() + " x " + Views.plain(p.getQuantityPrescribed());
            p.setItemCode(itemCode);
            p.setQuantityPrescribed(quantity);
            if (quantity.compareTo(p.getQuantityDispensed()) == 0) {
                p.setStatus(PrescriptionStatus.DISPENSED.name());
            }
            em.flush();
            Views.Prescription v = new DispenseViews(em).prescription(p);
            return new AuditedTransaction.Done<>(v, List.of(allowed.audit().resourceId(id)
                    .detail("matched '" + p.getDrug() + "': " + before + " -> " + itemCode + " x "
                            + Views.plain(quantity)).build()));
        });
    }

    private PrescriptionEntity find(String id) {
        PrescriptionEntity p = jpa.call(em -> em.find(PrescriptionEntity.class, id));
        if (p == null) {
            throw ProblemException.notFound("Prescription", id);
        }
        return p;
    }
}
