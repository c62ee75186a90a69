package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: a closed encounter was reopened (a discharge cancelled, HL7 A13: status OPEN again) or an open one
 * was cancelled (an admission entered in error, HL7 A11: status CANCELLED; the encounter is kept, not deleted).
 * Event type {@link #TYPE}.
 *
 * @since 1.6
 */
@ProviderType
public class EncounterStatusChanged {
    public static final String TYPE = "EncounterStatusChanged";
    public String mrn;
    public String encounterId;
    public String kind;
    /** OPEN or CANCELLED now; {@code previousStatus} CLOSED or OPEN. */
    public String status;
    public String previousStatus;
    /** ISO-8601 instant. */
    public String changedAt;
    public String changedBy;
}
