package org.pavilion.emr.internal.document;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A document's metadata (table emr_document); the content is in the store named by {@code storeKind}. */
@Entity
@Table(name = "emr_document")
public class DocumentEntity {

    public static final String CURRENT = "CURRENT";
    public static final String ENTERED_IN_ERROR = "ENTERED_IN_ERROR";

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    /** The only link to the patient: a merge moves documents by updating it. */
    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    /** The encounter it was attached in, when one was named. */
    @Column(name = "encounter_id", length = 36)
    private String encounterId;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "category", nullable = false, length = 16)
    private String category;

    @Column(name = "content_type", nullable = false, length = 64)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "store_kind", nullable = false, length = 16)
    private String storeKind;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "status_ms")
    private Long statusMs;

    @Column(name = "status_by", length = 64)
    private String statusBy;

    @Column(name = "status_reason", length = 500)
    private String statusReason;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getContentType() { return contentType; }
    public void setContentType(String contentType) { this.contentType = contentType; }
    public long getSizeBytes() { return sizeBytes; }
    public void setSizeBytes(long sizeBytes) { this.sizeBytes = sizeBytes; }
    public String getSha256() { return sha256; }
    public void setSha256(String sha256) { this.sha256 = sha256; }
    public String getStoreKind() { return storeKind; }
    public void setStoreKind(String storeKind) { this.storeKind = storeKind; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public Long getStatusMs() { return statusMs; }
    public void setStatusMs(Long statusMs) { this.statusMs = statusMs; }
    public String getStatusBy() { return statusBy; }
    public void setStatusBy(String statusBy) { this.statusBy = statusBy; }
    public String getStatusReason() { return statusReason; }
    public void setStatusReason(String statusReason) { this.statusReason = statusReason; }
    public long getVersion() { return version; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
}
