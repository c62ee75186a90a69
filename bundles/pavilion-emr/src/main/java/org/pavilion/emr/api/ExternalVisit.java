package org.pavilion.emr.api;

/** A visit as an external system numbers it (HL7 PV1-19), with what the feed says of it (PV1-3, -7, -17). */
public class ExternalVisit {
    public String system;
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
}
