package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload for the pharmacy: a prescription was stopped before its end. Event type {@link #TYPE}. */
@ProviderType
public class PrescriptionStopped {

    public static final String TYPE = "PrescriptionStopped";

    public String mrn;
    /** The prescription of {@link PrescriptionIssued#prescriptionId}. */
    public String prescriptionId;
    public String drug;
    /** ISO-8601 instant. */
    public String stoppedAt;
    public String stoppedBy;
}
