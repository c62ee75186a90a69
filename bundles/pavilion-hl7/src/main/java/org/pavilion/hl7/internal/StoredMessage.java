package org.pavilion.hl7.internal;

/** One row of hl7_message, as the REST API and the shell show it. */
public class StoredMessage {
    public String id;
    public String listener;
    public String remoteAddress;
    public String sender;
    public String controlId;
    public String messageType;
    public String version;
    public String charset;
    public int sizeBytes;
    /** RECEIVED, PROCESSED, REJECTED or PARKED. */
    public String status;
    public String ackCode;
    public String error;
    /** What processing did, e.g. "CREATED 0000000123 encounter ...". */
    public String outcome;
    public int attempts;
    public long receivedMs;
    public Long completedMs;
    public Long processingMs;
    public String editedBy;
    public Long editedMs;
    /** Only in the single-message view. */
    public String rawText;
    public String originalText;
    public String ackText;
    /**
     * True when the sender had used this control id for other content before: stored PARKED with AE, never
     * applied; a replay needs a new control id or the integrator's confirmation.
     */
    public boolean controlIdReused;
    /** SHA-256 of the received text, segment separators normalised ({@link MessageStore#contentHash}). */
    String contentHash;
}
