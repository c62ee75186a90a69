package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/** The visit took place and was completed by the doctor or the desk; billing charges it. Event type {@link #TYPE}. */
@ProviderType
public class AppointmentCompleted extends AppointmentEvent {

    public static final String TYPE = "AppointmentCompleted";

    public String completedAt;
    /** The EMR encounter of the visit; null when the EMR was not installed at check-in. */
    public String encounterId;
}
