package org.pavilion.telemedicine.internal;

import java.time.Instant;

/** A consultation room as the REST API shows it; times are ISO-8601 instants. */
public class Consultation {
    public String id;
    public String appointmentId;
    public String patientId;
    public String doctorId;
    public String doctorName;
    public String serviceName;
    public String scheduledStart;
    public String scheduledEnd;
    public String state;
    /** When the patient entered the waiting room. */
    public String arrivedAt;
    /** While WAITING: for how long, in whole seconds, at the time of the answer. */
    public Long waitingSeconds;
    public String admittedAt;
    public String endedAt;
    /** The user who admitted the patient. */
    public String host;
    /** The patient's MRN, as the EMR REST paths take it (the survivor's, after merges). */
    public String patientMrn;
    /** The EMR encounter (kind TELECONSULTATION) the admission opened: notes, diagnoses, prescriptions name it. */
    public String encounterId;
    /** OPEN, CLOSED, or null when there is no encounter. */
    public String encounterStatus;
    /** Why there is no encounter (the EMR is not installed, or refused), or why it was not closed; else null. */
    public String encounterNote;

    static Consultation of(ConsultationEntity e, long nowMs) {
        Consultation c = new Consultation();
        c.id = e.getId();
        c.appointmentId = e.getAppointmentId();
        c.patientId = e.getPatientId();
        c.doctorId = e.getDoctorId();
        c.doctorName = e.getDoctorName();
        c.serviceName = e.getServiceName();
        c.scheduledStart = iso(e.getScheduledStartMs());
        c.scheduledEnd = iso(e.getScheduledEndMs());
        c.state = e.getState().name();
        c.arrivedAt = iso(e.getArrivedMs());
        if (e.getState() == ConsultationState.WAITING && e.getArrivedMs() != null) {
            c.waitingSeconds = Math.max(0, (nowMs - e.getArrivedMs()) / 1000);
        }
        c.admittedAt = iso(e.getAdmittedMs());
        c.endedAt = iso(e.getEndedMs());
        c.host = e.getHostUsername();
        c.patientMrn = e.getPatientId();
        c.encounterId = e.getEncounterId();
        c.encounterStatus = e.getEncounterStatus();
        c.encounterNote = e.getEncounterNote();
        return c;
    }

    static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
