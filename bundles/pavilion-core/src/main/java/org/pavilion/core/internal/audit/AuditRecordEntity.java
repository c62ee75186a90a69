package org.pavilion.core.internal.audit;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One link of the audit chain. Never updated or deleted by the platform. */
@Entity
@Table(name = "core_audit")
public class AuditRecordEntity {

    @Id
    @Column(name = "seq")
    private long seq;

    @Column(name = "occurred_ms", nullable = false)
    private long occurredMs;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "actor_roles")
    private String actorRoles;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "resource_type", nullable = false)
    private String resourceType;

    @Column(name = "resource_id")
    private String resourceId;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "outcome", nullable = false)
    private String outcome;

    @Column(name = "emergency", nullable = false)
    private boolean emergency;

    @Column(name = "detail", length = 2000)
    private String detail;

    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    @Column(name = "hash", nullable = false)
    private String hash;

    /** The HMAC key that produced hash; null on records written before the chain was keyed (plain SHA-256). */
    @Column(name = "key_id")
    private String keyId;

    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public long getOccurredMs() { return occurredMs; }
    public void setOccurredMs(long occurredMs) { this.occurredMs = occurredMs; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getActorRoles() { return actorRoles; }
    public void setActorRoles(String actorRoles) { this.actorRoles = actorRoles; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getResourceType() { return resourceType; }
    public void setResourceType(String resourceType) { this.resourceType = resourceType; }
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getClientAddress() { return clientAddress; }
    public void setClientAddress(String clientAddress) { this.clientAddress = clientAddress; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public boolean isEmergency() { return emergency; }
    public void setEmergency(boolean emergency) { this.emergency = emergency; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
    public String getPrevHash() { return prevHash; }
    public void setPrevHash(String prevHash) { this.prevHash = prevHash; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
}
