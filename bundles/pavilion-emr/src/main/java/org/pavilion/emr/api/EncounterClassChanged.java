package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: an open (or planned) encounter changed class, e.g. an outpatient admitted as an inpatient (HL7 ADT
 * A06: OUTPATIENT to ADMISSION) or an inpatient continuing as an outpatient (A07). Same encounter, same visit:
 * a bed-management or billing department re-rates it. Event type {@link #TYPE}.
 *
 * @since 1.7
 */
@ProviderType
public class EncounterClassChanged {
    public static final String TYPE = "EncounterClassChanged";
    public String mrn;
    public String encounterId;
    /** OUTPATIENT, EMERGENCY, ADMISSION or TELECONSULTATION: the class now, and before. */
    public String kind;
    public String previousKind;
    /** The encounter's status (OPEN or PLANNED). */
    public String status;
    /** ISO-8601 instant. */
    public String changedAt;
    public String changedBy;
}
