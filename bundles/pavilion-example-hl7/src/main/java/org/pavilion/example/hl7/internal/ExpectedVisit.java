package org.pavilion.example.hl7.internal;

/** A patient expected for an appointment, as REST shows it. */
public class ExpectedVisit {
    public String id;
    /** The scheduling system's appointment id (SCH-1, else SCH-2). */
    public String appointment;
    public String patientId;
    public String visitorName;
    /** Where, from AIL-3; null when the booking names no location. */
    public String ward;
    /** When, as the scheduling system's local date and time (yyyy-MM-ddTHH:mm[:ss]); null when not given. */
    public String expectedAt;
    /** The sending application (MSH-3). */
    public String source;
    public String recordedAt;
}
