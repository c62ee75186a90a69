package org.pavilion.emr.internal.document;

import java.time.Instant;

/** A document's metadata as REST shows it. */
public class Document {
    public String id;
    public String mrn;
    /** The encounter it was attached in; null when none was named. */
    public String encounterId;
    public String title;
    public String category;
    public String contentType;
    public long sizeBytes;
    public String sha256;
    /** DATABASE or FILE: where the content lives. */
    public String store;
    /** CURRENT or ENTERED_IN_ERROR. */
    public String status;
    public String createdAt;
    public String createdBy;
    /** When, by whom and why it was marked entered in error. */
    public String enteredInErrorAt;
    public String enteredInErrorBy;
    public String enteredInErrorReason;
    public String contentUrl;

    static Document of(DocumentEntity e) {
        Document d = new Document();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.encounterId = e.getEncounterId();
        d.title = e.getTitle();
        d.category = e.getCategory();
        d.contentType = e.getContentType();
        d.sizeBytes = e.getSizeBytes();
        d.sha256 = e.getSha256();
        d.store = e.getStoreKind();
        d.status = e.getStatus();
        d.createdAt = Instant.ofEpochMilli(e.getCreatedMs()).toString();
        d.createdBy = e.getCreatedBy();
        if (DocumentEntity.ENTERED_IN_ERROR.equals(e.getStatus()) && e.getStatusMs() != null) {
            d.enteredInErrorAt = Instant.ofEpochMilli(e.getStatusMs()).toString();
            d.enteredInErrorBy = e.getStatusBy();
            d.enteredInErrorReason = e.getStatusReason();
        }
        d.contentUrl = "/api/v1/emr/documents/" + e.getId() + "/content";
        return d;
    }
}
