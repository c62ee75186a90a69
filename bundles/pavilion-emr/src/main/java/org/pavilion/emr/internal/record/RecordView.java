package org.pavilion.emr.internal.record;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.LabResultsSource;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.Patient;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientPhoneEntity;
import org.pavilion.emr.internal.RestrictedContact;

/**
 * The doctor's one-call view of a patient: demographics, active problems, active allergies, current medications,
 * the latest vitals, recent encounters, and recent lab results when a laboratory is installed. One read, one
 * audit record.
 */
@Component(service = RecordView.class)
public class RecordView {

    static final int DEFAULT_RECENT_ENCOUNTERS = 5;
    static final int LAB_RESULTS_IN_VIEW = 20;

    private final RecordWork work;
    private final LabLink labs = new LabLink();

    @Activate
    public RecordView(@Reference RecordWork work) {
        this.work = work;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLabResultsSource(LabResultsSource source) {
        labs.bind(source);
    }

    void unbindLabResultsSource(LabResultsSource source) {
        labs.unbind(source);
    }

    /** The view with the {@code recentEncounters} (1 to 50) latest encounters. */
    public Clinical.Record record(String mrn, int recentEncounters, String breakGlass) {
        Grant g = work.read(mrn, "clinical-record", breakGlass);
        if (recentEncounters < 1 || recentEncounters > 50) {
            throw work.failed(g, "READ", ProblemException.validation("encounters must be between 1 and 50, was "
                    + recentEncounters));
        }
        Clinical.Record r = work.inTransaction(em -> {
            Clinical.Record v = new Clinical.Record();
            PatientEntity p = em.find(PatientEntity.class, g.mrn);
            List<String> phones = em.createQuery("SELECT ph FROM PatientPhoneEntity ph WHERE ph.mrn = :mrn ORDER BY ph.seqNo",
                    PatientPhoneEntity.class).setParameter("mrn", g.mrn).getResultList().stream()
                    .map(PatientPhoneEntity::getPhone).toList();
            // Contact data as everywhere else (RestrictedContact): breaking the glass for the clinical record does
            // not reveal a restricted patient's address, phones and national id; GET patients/{mrn} with the
            // reason does, as an emergency read of its own.
            v.patient = RestrictedContact.forCaller(Patient.of(p, phones));
            v.activeProblems = ProblemList.problems(em, g.mrn, "ACTIVE");
            v.allergies = AllergyList.allergies(em, g.mrn, true);
            v.currentMedications = PrescriptionService.prescriptions(em, g.mrn, true);
            v.latestVitals = ObservationService.latestVitals(em, g.mrn);
            v.recentEncounters = EncounterService.recent(em, g.mrn, recentEncounters);
            return v;
        });
        r.labResults = labs.recent(g.mrn, LAB_RESULTS_IN_VIEW);
        r.labAvailable = r.labResults != null;
        work.record(g.audit("READ").resourceId(g.mrn).build());
        return r;
    }
}
