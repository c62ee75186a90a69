package org.pavilion.notifications.internal.queue;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code nt_attempt} (see the change log). */
@Entity
@Table(name = "nt_attempt")
public class AttemptEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "notification_id", nullable = false)
    private String notificationId;

    @Column(name = "attempt_no", nullable = false)
    private int attemptNo;

    @Column(name = "at_ms", nullable = false)
    private long atMs;

    @Column(name = "outcome", nullable = false)
    private String outcome;

    @Column(name = "answer")
    private String answer;

    @Column(name = "actor")
    private String actor;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getNotificationId() {
        return notificationId;
    }

    public void setNotificationId(String notificationId) {
        this.notificationId = notificationId;
    }

    public int getAttemptNo() {
        return attemptNo;
    }

    public void setAttemptNo(int attemptNo) {
        this.attemptNo = attemptNo;
    }

    public long getAtMs() {
        return atMs;
    }

    public void setAtMs(long atMs) {
        this.atMs = atMs;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getAnswer() {
        return answer;
    }

    public void setAnswer(String answer) {
        this.answer = answer;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }
}
