package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: a patient left the hospital: published when an ADMISSION or EMERGENCY encounter is closed, together
 * with {@link EncounterClosed}. Billing finalises the stay, the pharmacy stops inpatient supplies. Event type
 * {@link #TYPE}.
 */
@ProviderType
public class PatientDischarged {

    public static final String TYPE = "PatientDischarged";

    public String mrn;
    public String encounterId;
    /** ADMISSION or EMERGENCY. */
    public String kind;
    /**
     * Where the patient went, as given with the close (e.g. an HL7 PV1-36 code such as {@code 01}, home); null when
     * the close did not say (the REST and SOAP close take none).
     */
    public String disposition;
    /** ISO-8601 instants. */
    public String admittedAt;
    public String dischargedAt;
    public String dischargedBy;
}
