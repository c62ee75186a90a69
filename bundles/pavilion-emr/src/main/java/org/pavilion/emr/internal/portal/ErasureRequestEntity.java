package org.pavilion.emr.internal.portal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A patient's request that their personal data be erased (table emr_erasure_request), for an administrator to
 * carry out. {@code openMrn} equals {@code subjectMrn} while the request is OPEN and is null once closed: its unique
 * constraint keeps one open request per patient. Keyed by {@code subjectMrn}: it records the request, which is
 * kept as an account of it after the erasure.
 */
@Entity
@Table(name = "emr_erasure_request")
public class ErasureRequestEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "subject_mrn", nullable = false, length = 16)
    private String subjectMrn;

    @Column(name = "open_mrn", length = 16)
    private String openMrn;

    /** OPEN, DONE or DECLINED. */
    @Column(name = "status", nullable = false, length = 8)
    private String status;

    @Column(name = "note", length = 500)
    private String note;

    @Column(name = "requested_ms", nullable = false)
    private long requestedMs;

    @Column(name = "requested_by", nullable = false, length = 64)
    private String requestedBy;

    @Column(name = "closed_ms")
    private Long closedMs;

    @Column(name = "closed_by", length = 64)
    private String closedBy;

    @Column(name = "closing_note", length = 500)
    private String closingNote;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getSubjectMrn() { return subjectMrn; }
    public void setSubjectMrn(String subjectMrn) { this.subjectMrn = subjectMrn; }
    public String getOpenMrn() { return openMrn; }
    public void setOpenMrn(String openMrn) { this.openMrn = openMrn; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public long getRequestedMs() { return requestedMs; }
    public void setRequestedMs(long requestedMs) { this.requestedMs = requestedMs; }
    public String getRequestedBy() { return requestedBy; }
    public void setRequestedBy(String requestedBy) { this.requestedBy = requestedBy; }
    public Long getClosedMs() { return closedMs; }
    public void setClosedMs(Long closedMs) { this.closedMs = closedMs; }
    public String getClosedBy() { return closedBy; }
    public void setClosedBy(String closedBy) { this.closedBy = closedBy; }
    public String getClosingNote() { return closingNote; }
    public void setClosingNote(String closingNote) { this.closingNote = closingNote; }
}
