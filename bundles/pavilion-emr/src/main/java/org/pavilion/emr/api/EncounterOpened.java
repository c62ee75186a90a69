package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: an encounter (visit, admission, teleconsultation) was opened. Event type {@link #TYPE}. */
@ProviderType
public class EncounterOpened {

    public static final String TYPE = "EncounterOpened";

    public String mrn;
    public String encounterId;
    /** OUTPATIENT, EMERGENCY, ADMISSION or TELECONSULTATION. */
    public String kind;
    /** Username of the attending clinician. */
    public String attending;
    public String reason;
    /** ISO-8601 instant. */
    public String openedAt;
    public String openedBy;
}
