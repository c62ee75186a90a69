package org.pavilion.telemedicine.internal;

/** A file shared in a call, as stored in the patient's EMR documents (the answer of POST .../files). */
public class SharedFile {
    public String documentId;
    public String consultationId;
    public String encounterId;
    public String title;
    public String contentType;
    public long sizeBytes;
    /** HOST or PATIENT. */
    public String sharedBy;
}
