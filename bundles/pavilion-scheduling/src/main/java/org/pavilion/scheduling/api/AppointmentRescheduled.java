package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/** An appointment moved to another time (or doctor). The fields say where it is now. Event type {@link #TYPE}. */
@ProviderType
public class AppointmentRescheduled extends AppointmentEvent {

    public static final String TYPE = "AppointmentRescheduled";

    public String previousStart;
    public String previousEnd;
    public String previousDoctorId;
    public String previousLocalStart;
}
