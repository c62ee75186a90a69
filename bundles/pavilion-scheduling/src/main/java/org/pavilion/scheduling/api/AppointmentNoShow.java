package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The patient did not come, marked by the scheduler's route after the grace period or by staff. Event type
 * {@link #TYPE}.
 */
@ProviderType
public class AppointmentNoShow extends AppointmentEvent {

    public static final String TYPE = "AppointmentNoShow";

    public String markedAt;
}
