package org.pavilion.notifications.internal.queue;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code nt_notification} (see the change log). */
@Entity
@Table(name = "nt_notification")
public class NotificationEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "dedup_key", nullable = false)
    private String dedupKey;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "rule_id")
    private String ruleId;

    @Column(name = "subject_ref")
    private String subjectRef;

    @Column(name = "recipient_kind", nullable = false)
    private String recipientKind;

    @Column(name = "recipient_ref")
    private String recipientRef;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "channel", nullable = false)
    private String channel;

    @Column(name = "address")
    private String address;

    @Column(name = "language")
    private String language;

    @Column(name = "subject")
    private String subject;

    @Column(name = "body")
    private String body;

    @Column(name = "urgent", nullable = false)
    private boolean urgent;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_ms", nullable = false)
    private long nextAttemptMs;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "claim_until_ms")
    private Long claimUntilMs;

    @Column(name = "provider_message_id")
    private String providerMessageId;

    @Column(name = "last_answer")
    private String lastAnswer;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "sent_ms")
    private Long sentMs;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getDedupKey() {
        return dedupKey;
    }

    public void setDedupKey(String dedupKey) {
        this.dedupKey = dedupKey;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public String getSubjectRef() {
        return subjectRef;
    }

    public void setSubjectRef(String subjectRef) {
        this.subjectRef = subjectRef;
    }

    public String getRecipientKind() {
        return recipientKind;
    }

    public void setRecipientKind(String recipientKind) {
        this.recipientKind = recipientKind;
    }

    public String getRecipientRef() {
        return recipientRef;
    }

    public void setRecipientRef(String recipientRef) {
        this.recipientRef = recipientRef;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public boolean isUrgent() {
        return urgent;
    }

    public void setUrgent(boolean urgent) {
        this.urgent = urgent;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public long getNextAttemptMs() {
        return nextAttemptMs;
    }

    public void setNextAttemptMs(long nextAttemptMs) {
        this.nextAttemptMs = nextAttemptMs;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public void setClaimedBy(String claimedBy) {
        this.claimedBy = claimedBy;
    }

    public Long getClaimUntilMs() {
        return claimUntilMs;
    }

    public void setClaimUntilMs(Long claimUntilMs) {
        this.claimUntilMs = claimUntilMs;
    }

    public String getProviderMessageId() {
        return providerMessageId;
    }

    public void setProviderMessageId(String providerMessageId) {
        this.providerMessageId = providerMessageId;
    }

    public String getLastAnswer() {
        return lastAnswer;
    }

    public void setLastAnswer(String lastAnswer) {
        this.lastAnswer = lastAnswer;
    }

    public long getCreatedMs() {
        return createdMs;
    }

    public void setCreatedMs(long createdMs) {
        this.createdMs = createdMs;
    }

    public Long getSentMs() {
        return sentMs;
    }

    public void setSentMs(Long sentMs) {
        this.sentMs = sentMs;
    }

    public long getUpdatedMs() {
        return updatedMs;
    }

    public void setUpdatedMs(long updatedMs) {
        this.updatedMs = updatedMs;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
