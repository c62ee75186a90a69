package org.pavilion.pharmacy.internal.dispensing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.AllergyRecorded;
import org.pavilion.emr.api.PatientAllergies;
import org.pavilion.emr.api.PrescriptionIssued;
import org.pavilion.emr.api.PrescriptionStopped;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.access.PatientGate;

/**
 * The main pharmacy on a test day: the real change log and ledger, dispensing wired as the container wires it, the
 * EMR's prescription events arriving as JSON (as the bus delivers them), and the EMR's recorded allergies standing in
 * for its PatientAllergies service.
 */
final class Pharmacy implements AutoCloseable {

    static final String SANTOS = "ph.santos";
    static final String OKAFOR = "ph.okafor";

    /** A senior pharmacist: may override an allergy warning. */
    static final Caller PHARMACIST = Caller.inContainer(SANTOS,
            Set.of(PatientGate.VIEW, PatientGate.RECORD, Dispensing.OVERRIDE), "10.0.0.5");
    /** A second pharmacist at the next counter, without the override privilege. */
    static final Caller JUNIOR = Caller.inContainer(OKAFOR, Set.of(PatientGate.VIEW, PatientGate.RECORD), "10.0.0.6");

    private static final ObjectMapper JSON = new ObjectMapper();

    final PharmacyDatabase db;
    final RecordingAudit audit = new RecordingAudit();
    final RecordingEvents events = new RecordingEvents();
    final Map<String, List<AllergyRecorded>> allergies = new ConcurrentHashMap<>();
    final PrescriptionIntakeService intake;
    final PrescriptionEvents emr;
    final Prescriptions prescriptions;
    final Dispensing dispensing;
    final DispenseHistory history;

    Pharmacy() throws Exception {
        this(new DispensingSettings("MAIN", true), true);
    }

    Pharmacy(DispensingSettings settings, boolean emrInstalled) throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        PatientAllergies recorded = (mrn, purpose) -> {
            CallerContext.require(); // as the EMR: every read is audited against the caller
            if (purpose == null || purpose.isBlank()) {
                throw new IllegalArgumentException("purpose");
            }
            return allergies.getOrDefault(mrn, List.of());
        };
        AllergySource source = emrInstalled ? new EmrAllergySource(recorded) : null;
        intake = new PrescriptionIntakeService(db.jpa, audit);
        emr = new PrescriptionEvents(intake, System::currentTimeMillis);
        prescriptions = new Prescriptions(db.emf, audit, settings, null, source, TestConstraints.platform());
        dispensing = new Dispensing(db.emf, audit, events, db.ledger, settings, null, source,
                System::currentTimeMillis, TestConstraints.platform());
        history = new DispenseHistory(db.emf, audit, null);
    }

    /** The EMR issues a prescription: the event as the bus delivers it; true when it was queued now. */
    boolean issued(String id, String mrn, String drug, String drugCode) throws Exception {
        PrescriptionIssued e = new PrescriptionIssued();
        e.prescriptionId = id;
        e.mrn = mrn;
        e.drug = drug;
        e.drugCode = drugCode;
        e.dose = "1 tablet";
        e.route = "ORAL";
        e.frequency = "every 8 h";
        e.durationDays = 5;
        e.prescriber = "dr.mwangi";
        e.issuedAt = Instant.now().toString();
        return emr.onEvent(PrescriptionIssued.TYPE, JSON.writeValueAsString(e));
    }

    boolean stopped(String id, String mrn) throws Exception {
        PrescriptionStopped e = new PrescriptionStopped();
        e.prescriptionId = id;
        e.mrn = mrn;
        e.stoppedAt = Instant.now().toString();
        e.stoppedBy = "dr.mwangi";
        return emr.onEvent(PrescriptionStopped.TYPE, JSON.writeValueAsString(e));
    }

    /** A prescription queued and matched to {@code item} x {@code quantity} by the pharmacist. */
    void prescribed(String id, String mrn, String item, String quantity) throws Exception {
        issued(id, mrn, "as coded", item);
        match(id, item, quantity);
    }

    Views.Prescription match(String id, String item, String quantity) throws Exception {
        Bodies.Match m = new Bodies.Match();
        m.itemCode = item;
        m.quantityPrescribed = quantity;
        m.version = as(PHARMACIST, () -> prescriptions.get(id)).version;
        return as(PHARMACIST, () -> prescriptions.match(id, m));
    }

    Views.Dispense dispense(Caller who, String id, String quantity, String batch, String overrideReason)
            throws Exception {
        Bodies.Dispense d = new Bodies.Dispense();
        d.quantity = quantity;
        d.batchNumber = batch;
        d.overrideReason = overrideReason;
        return as(who, () -> dispensing.dispense(id, d));
    }

    Views.Prescription prescription(String id) throws Exception {
        return as(PHARMACIST, () -> prescriptions.get(id));
    }

    static AllergyRecorded allergy(String mrn, String substance, String reaction, String severity) {
        AllergyRecorded a = new AllergyRecorded();
        a.mrn = mrn;
        a.substance = substance;
        a.reaction = reaction;
        a.severity = severity;
        a.kind = "ALLERGY";
        a.status = "ACTIVE";
        return a;
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
