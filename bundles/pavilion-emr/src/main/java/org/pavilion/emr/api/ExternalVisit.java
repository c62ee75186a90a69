package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** A visit as an external system numbers it (HL7 PV1-19), with what the feed says of it (PV1-3, -7, -17). */
@ProviderType
public class ExternalVisit {
    /** The visit number's assigning authority; for a visit without a number, the sending facility. */
    public String system;
    /**
     * The visit number; null when the sender gives none (PV1-19 is optional): the visit is then known by its
     * system, patient, {@link #admittedAt} and {@link #kind} (see {@link PatientDirectory#openEncounter}). @since 1.7
     */
    public String number;
    /** OUTPATIENT, EMERGENCY, ADMISSION or TELECONSULTATION. */
    public String kind;
    public String reason;
    /** Where the patient lies, {@code ward^room^bed} (PV1-3 components 1-3); null when not said. @since 1.6 */
    public String location;
    /** The attending doctor's id and name as the sender knows them (PV1-7); null when not said. @since 1.6 */
    public String attendingId;
    public String attendingName;
    /** The admitting doctor's id and name (PV1-17). @since 1.6 */
    public String admittingId;
    public String admittingName;
    /**
     * When the patient was (or is to be) admitted as the sender says it (HL7 PV1-44 as sent; the day of the message
     * when the sender gives none). Only read for a visit without a number. @since 1.7
     */
    public String admittedAt;
    /** True for a pre-admission (HL7 A05): the encounter is PLANNED until the patient arrives. @since 1.7 */
    public boolean planned;
}
