package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload for the pharmacy: a doctor issued a prescription. Event type {@link #TYPE}. */
@ProviderType
public class PrescriptionIssued {

    public static final String TYPE = "PrescriptionIssued";

    public String mrn;
    public String prescriptionId;
    /** Null when prescribed outside an encounter. */
    public String encounterId;
    public String drug;
    /** The pharmacy catalogue's item code when the doctor prescribed from it, else null (free text). @since 2.2 */
    public String drugCode;
    /** Free text with its unit, e.g. "500 mg". */
    public String dose;
    /** ORAL, IV, IM, SC, SUBLINGUAL, TOPICAL, INHALED, RECTAL, OTHER. */
    public String route;
    /** Free text, e.g. "twice daily", "every 8 h". */
    public String frequency;
    public int durationDays;
    public String instructions;
    /** Username of the prescribing doctor. */
    public String prescriber;
    /** ISO-8601 date the course starts, and instant the prescription was issued. */
    public String startDate;
    public String issuedAt;
}
