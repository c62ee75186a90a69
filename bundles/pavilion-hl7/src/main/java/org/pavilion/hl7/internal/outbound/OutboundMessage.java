package org.pavilion.hl7.internal.outbound;

/** One row of hl7_outbound, as the REST API and the shell show it. */
public class OutboundMessage {
    public long id;
    public String feed;
    public String eventId;
    public String eventType;
    /** The patient's MRN; for a merge the survivor's. */
    public String patientKey;
    /** A merge's duplicate MRN. */
    public String relatedKey;
    public String messageType;
    public String controlId;
    public String version;
    /** PENDING, SENT or FAILED. */
    public String status;
    public int attempts;
    public long nextAttemptMs;
    public String lastError;
    public String ackCode;
    public long occurredMs;
    public long createdMs;
    public long updatedMs;
    public Long sentMs;
    /** Only in the single-message view. */
    public String messageText;
    public String ackText;
}
