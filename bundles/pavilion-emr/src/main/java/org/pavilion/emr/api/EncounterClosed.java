package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: an encounter was closed (discharge, end of visit). Event type {@link #TYPE}. */
@ProviderType
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
