package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/** The patient arrived (at the desk, or with the booking code at a kiosk). Event type {@link #TYPE}. */
@ProviderType
public class PatientCheckedIn extends AppointmentEvent {

    public static final String TYPE = "PatientCheckedIn";

    public String checkedInAt;
    /** Arrived after the start plus the grace period. */
    public boolean late;
    /** The EMR encounter check-in opened; null when the EMR is not installed. */
    public String encounterId;
}
