package org.pavilion.notifications.internal.reminders;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code nt_reminder} (see the change log). */
@Entity
@Table(name = "nt_reminder")
public class ReminderEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "appointment_id", nullable = false)
    private String appointmentId;

    @Column(name = "rule_id", nullable = false)
    private String ruleId;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "appointment_start", nullable = false)
    private String appointmentStart;

    @Column(name = "fire_at_ms", nullable = false)
    private long fireAtMs;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "payload", nullable = false)
    private String payload;

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

    public String getAppointmentId() {
        return appointmentId;
    }

    public void setAppointmentId(String appointmentId) {
        this.appointmentId = appointmentId;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getAppointmentStart() {
        return appointmentStart;
    }

    public void setAppointmentStart(String appointmentStart) {
        this.appointmentStart = appointmentStart;
    }

    public long getFireAtMs() {
        return fireAtMs;
    }

    public void setFireAtMs(long fireAtMs) {
        this.fireAtMs = fireAtMs;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
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
