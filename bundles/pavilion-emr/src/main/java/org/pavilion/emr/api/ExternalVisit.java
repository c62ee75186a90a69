package org.pavilion.emr.api;

/** A visit as an external system numbers it (HL7 PV1-19). */
public class ExternalVisit {
    public String system;
    public String number;
    /** OUTPATIENT, EMERGENCY, ADMISSION or TELECONSULTATION. */
    public String kind;
    public String reason;
}
