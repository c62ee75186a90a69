package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: a vital sign was recorded (ward early-warning scores, charting). Event type {@link #TYPE}. */
@ProviderType
public class ObservationRecorded {

    public static final String TYPE = "ObservationRecorded";

    public String mrn;
    public String observationId;
    /** Null when recorded outside an encounter. */
    public String encounterId;
    /** The EMR's vital-sign code, e.g. heart-rate. */
    public String code;
    public double value;
    /** UCUM unit, e.g. /min. */
    public String unit;
    /** ISO-8601 instants: when it was measured, and when it was recorded. */
    public String effectiveAt;
    public String recordedAt;
    public String recordedBy;
}
