package org.pavilion.emr.api;

/** Event payload: an encounter was closed (discharge, end of visit). Event type {@link #TYPE}. */
public class EncounterClosed {

    public static final String TYPE = "EncounterClosed";

    public String mrn;
    public String encounterId;
    public String kind;
    /** ISO-8601 instants. */
    public String openedAt;
    public String closedAt;
    public String closedBy;
}
