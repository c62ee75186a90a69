package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What every appointment event carries: enough for a notification ("your appointment with Dr X on ... at ...") and
 * for billing (doctor, service, visit type) without calling back. Times are ISO-8601: {@code start}/{@code end} as
 * instants, {@code localStart} as the hospital's wall-clock time ({@code 2026-12-07T09:30}) with its {@code zone}.
 */
@ProviderType
public abstract class AppointmentEvent {
    public String appointmentId;
    /** The patient's MRN when the EMR knows them, else the identifier the desk or feed gave. */
    public String patientId;
    public String doctorId;
    public String doctorName;
    public String specialty;
    public String serviceCode;
    public String serviceName;
    /** IN_PERSON or VIDEO. */
    public String visitType;
    public String location;
    public String start;
    public String end;
    public String localStart;
    public String zone;
    /** Who acted: DESK (staff), PORTAL (the patient), HL7 (an external scheduling system), SYSTEM (a timer). */
    public String channel;
    /** The user or feed that acted. */
    public String actor;
}
