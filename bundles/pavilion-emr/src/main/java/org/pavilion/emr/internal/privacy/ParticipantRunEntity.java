package org.pavilion.emr.internal.privacy;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A privacy participant's latest outcome of one merge or erasure (table emr_participant_run). Keyed to the patient
 * by {@code subjectMrn}, deliberately not {@code mrn}: it records the operation and is neither moved by a merge nor
 * exported or deleted with the patient's data.
 */
@Entity
@Table(name = "emr_participant_run")
public class ParticipantRunEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    /** {@link ParticipantRuns#MERGE} or {@link ParticipantRuns#ERASURE}. */
    @Column(name = "operation", nullable = false, length = 16)
    private String operation;

    /** A merge: the duplicate (its tombstone names the survivor); an erasure: the record erased. */
    @Column(name = "subject_mrn", nullable = false, length = 16)
    private String subjectMrn;

    @Column(name = "participant", nullable = false, length = 100)
    private String participant;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "status", nullable = false, length = 8)
    private String status;

    @Column(name = "error", length = 1000)
    private String error;

    /** What it did, one line (e.g. "re-pointed visits: 2"). */
    @Column(name = "summary", length = 2000)
    private String summary;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "first_ms", nullable = false)
    private long firstMs;

    @Column(name = "last_ms", nullable = false)
    private long lastMs;

    @Column(name = "last_by", nullable = false, length = 64)
    private String lastBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOperation() { return operation; }
    public void setOperation(String operation) { this.operation = operation; }
    public String getSubjectMrn() { return subjectMrn; }
    public void setSubjectMrn(String subjectMrn) { this.subjectMrn = subjectMrn; }
    public String getParticipant() { return participant; }
    public void setParticipant(String participant) { this.participant = participant; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getFirstMs() { return firstMs; }
    public void setFirstMs(long firstMs) { this.firstMs = firstMs; }
    public long getLastMs() { return lastMs; }
    public void setLastMs(long lastMs) { this.lastMs = lastMs; }
    public String getLastBy() { return lastBy; }
    public void setLastBy(String lastBy) { this.lastBy = lastBy; }
}
