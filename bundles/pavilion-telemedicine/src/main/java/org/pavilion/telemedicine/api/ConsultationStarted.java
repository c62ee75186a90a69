package org.pavilion.telemedicine.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: the doctor admitted the patient from the waiting room and the video consultation began. Published as
 * {@link #TYPE} with subject key {@code consultation:<id>}, in the transaction that moved the room to IN_CALL.
 */
@ProviderType
public class ConsultationStarted {

    public static final String TYPE = "ConsultationStarted";

    public String consultationId;
    public String appointmentId;
    /** The patient's MRN as scheduling gave it. */
    public String patientId;
    /** Scheduling's doctor id of the appointment. */
    public String doctorId;
    /** The signed-in user who admitted the patient and hosts the call. */
    public String host;
    /** ISO-8601 instant the patient arrived in the waiting room. */
    public String arrivedAt;
    /** ISO-8601 instant of the admission. */
    public String startedAt;
}
