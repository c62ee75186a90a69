package org.pavilion.emr.internal.portal;

import java.time.Instant;

/** A patient's erasure request as the portal and administrators see it. */
public class ErasureRequest {
    public String id;
    /** Shown to administrators only; the portal answers the patient's own request. */
    public String mrn;
    /** OPEN, DONE or DECLINED. */
    public String status;
    public String note;
    public String requestedAt;
    public String requestedBy;
    public String closedAt;
    public String closedBy;
    public String closingNote;

    static ErasureRequest of(ErasureRequestEntity e) {
        ErasureRequest r = new ErasureRequest();
        r.id = e.getId();
        r.mrn = e.getSubjectMrn();
        r.status = e.getStatus();
        r.note = e.getNote();
        r.requestedAt = Instant.ofEpochMilli(e.getRequestedMs()).toString();
        r.requestedBy = e.getRequestedBy();
        r.closedAt = e.getClosedMs() == null ? null : Instant.ofEpochMilli(e.getClosedMs()).toString();
        r.closedBy = e.getClosedBy();
        r.closingNote = e.getClosingNote();
        return r;
    }
}
