package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/** A patient's appointment was booked (by staff, the patient, an HL7 feed, or an accepted waiting-list offer). Event type {@link #TYPE}. */
@ProviderType
public class AppointmentBooked extends AppointmentEvent {

    public static final String TYPE = "AppointmentBooked";

    /** The patient's booking code for check-in at a kiosk; only for the patient's own notice. */
    public String bookingCode;
    /**
     * What the patient is estimated to pay (their share when insurance pays part), as a decimal string, when billing
     * was installed at booking; else null.
     */
    public String estimatedCost;
    public String currency;
}
