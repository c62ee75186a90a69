package org.pavilion.telemedicine.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: a video consultation ended (the host hung up). Published as {@link #TYPE} with subject key
 * {@code consultation:<id>}, in the transaction that moved the room to ENDED.
 */
@ProviderType
public class ConsultationEnded {

    public static final String TYPE = "ConsultationEnded";

    public String consultationId;
    public String appointmentId;
    public String patientId;
    public String doctorId;
    public String host;
    /** ISO-8601 instants. */
    public String startedAt;
    public String endedAt;
    /** Whole seconds between admission and end: what billing charges a timed consultation by. */
    public long durationSeconds;
}
