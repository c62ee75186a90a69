package org.pavilion.scheduling.internal.booking;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory;
import org.pavilion.scheduling.internal.access.ActingAs;

/**
 * Check-in's encounter in the EMR, through its PatientDirectory (idempotent on the visit number, the appointment's
 * id). A component of its own with a mandatory reference: it exists only while the EMR does, and the rest of the
 * bundle never loads an EMR class (the import is optional).
 */
@Component(service = EncounterOpener.class)
public class EmrEncounters implements EncounterOpener {

    /** The visit numbers' system in the EMR: appointments of this department. */
    static final String VISIT_SYSTEM = "pavilion-scheduling";

    /** The EMR's privilege for systems that write encounters (its PatientDirectory is for feeds). */
    private static final Set<String> EMR_FEED = Set.of("emr.record.feed-write");

    private final PatientDirectory directory;

    @Activate
    public EmrEncounters(@Reference PatientDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String open(Visit visit) {
        ExternalVisit v = new ExternalVisit();
        v.system = VISIT_SYSTEM;
        v.number = visit.appointmentId();
        v.kind = "VIDEO".equals(visit.visitType()) ? "TELECONSULTATION" : "OUTPATIENT";
        v.reason = visit.reason();
        v.attendingId = visit.doctorId();
        v.attendingName = visit.doctorName();
        // The desk checks the patient in; the department opens the encounter as a feed does: reception does not write
        // the clinical record itself. The trail still names the user who checked in.
        return ActingAs.run(EMR_FEED, "scheduling", () -> directory.openEncounterForPatient(visit.mrn(), v).encounterId);
    }
}
