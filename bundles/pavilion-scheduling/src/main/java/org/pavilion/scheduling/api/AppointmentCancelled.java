package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/** An appointment was cancelled; its slot is free again. Event type {@link #TYPE}. */
@ProviderType
public class AppointmentCancelled extends AppointmentEvent {

    public static final String TYPE = "AppointmentCancelled";

    public String reason;
}
