package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: a patient in an open encounter was transferred to another location (ward, room, bed), as HL7 ADT
 * A02 reports (or back to the previous location, as an A12 cancelling the transfer does). Published by the EMR's
 * encounter move (the ADT A02/A12 mapping). Event type {@link #TYPE}.
 */
@ProviderType
public class EncounterMoved {

    public static final String TYPE = "EncounterMoved";

    public String mrn;
    public String encounterId;
    /** Where the patient is now, e.g. {@code CARDIO^204^B} (point of care, room, bed). */
    public String location;
    /** Where the patient was; null when unknown. */
    public String previousLocation;
    /** ISO-8601 instant. */
    public String movedAt;
    public String movedBy;
}
