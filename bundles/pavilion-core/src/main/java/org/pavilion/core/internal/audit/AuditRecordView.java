package org.pavilion.core.internal.audit;

import java.time.Instant;

/** An audit record as the REST API shows it. */
public final class AuditRecordView {
    public long seq;
    public String occurredAt;
    public String actor;
    public String actorRoles;
    public String action;
    public String resourceType;
    public String resourceId;
    public String patientId;
    public String clientAddress;
    public String outcome;
    public boolean emergency;
    public String detail;
    public String hash;

    static AuditRecordView of(AuditRecordEntity e) {
        AuditRecordView v = new AuditRecordView();
        v.seq = e.getSeq();
        v.occurredAt = Instant.ofEpochMilli(e.getOccurredMs()).toString();
        v.actor = e.getActor();
        v.actorRoles = e.getActorRoles();
        v.action = e.getAction();
        v.resourceType = e.getResourceType();
        v.resourceId = e.getResourceId();
        v.patientId = e.getPatientId();
        v.clientAddress = e.getClientAddress();
        v.outcome = e.getOutcome();
        v.emergency = e.isEmergency();
        v.detail = e.getDetail();
        v.hash = e.getHash();
        return v;
    }
}
