package org.pavilion.telemedicine.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "telemedicine_consultation")
public class ConsultationEntity {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "appointment_id", nullable = false, length = 64)
    private String appointmentId;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "doctor_id", nullable = false, length = 64)
    private String doctorId;

    @Column(name = "doctor_name", length = 200)
    private String doctorName;

    @Column(name = "service_name", length = 200)
    private String serviceName;

    @Column(name = "scheduled_start_ms", nullable = false)
    private long scheduledStartMs;

    @Column(name = "scheduled_end_ms", nullable = false)
    private long scheduledEndMs;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private ConsultationState state;

    @Column(name = "arrived_ms")
    private Long arrivedMs;

    @Column(name = "admitted_ms")
    private Long admittedMs;

    @Column(name = "ended_ms")
    private Long endedMs;

    @Column(name = "host_username", length = 64)
    private String hostUsername;

    /** The EMR encounter admission opened; null when none (EMR absent or refusing: see encounterNote). */
    @Column(name = "encounter_id", length = 36)
    private String encounterId;

    /** OPEN, CLOSED, or null without an encounter. */
    @Column(name = "encounter_status", length = 16)
    private String encounterStatus;

    @Column(name = "encounter_note", length = 300)
    private String encounterNote;

    /** When the ended call's encounter close is next attempted; null when none is owed. */
    @Column(name = "encounter_close_due_ms")
    private Long encounterCloseDueMs;

    @Column(name = "encounter_close_attempts", nullable = false)
    private int encounterCloseAttempts;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getAppointmentId() { return appointmentId; }
    public void setAppointmentId(String appointmentId) { this.appointmentId = appointmentId; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getDoctorName() { return doctorName; }
    public void setDoctorName(String doctorName) { this.doctorName = doctorName; }
    public String getServiceName() { return serviceName; }
    public void setServiceName(String serviceName) { this.serviceName = serviceName; }
    public long getScheduledStartMs() { return scheduledStartMs; }
    public void setScheduledStartMs(long scheduledStartMs) { this.scheduledStartMs = scheduledStartMs; }
    public long getScheduledEndMs() { return scheduledEndMs; }
    public void setScheduledEndMs(long scheduledEndMs) { this.scheduledEndMs = scheduledEndMs; }
    public ConsultationState getState() { return state; }
    public void setState(ConsultationState state) { this.state = state; }
    public Long getArrivedMs() { return arrivedMs; }
    public void setArrivedMs(Long arrivedMs) { this.arrivedMs = arrivedMs; }
    public Long getAdmittedMs() { return admittedMs; }
    public void setAdmittedMs(Long admittedMs) { this.admittedMs = admittedMs; }
    public Long getEndedMs() { return endedMs; }
    public void setEndedMs(Long endedMs) { this.endedMs = endedMs; }
    public String getHostUsername() { return hostUsername; }
    public void setHostUsername(String hostUsername) { this.hostUsername = hostUsername; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public String getEncounterStatus() { return encounterStatus; }
    public void setEncounterStatus(String encounterStatus) { this.encounterStatus = encounterStatus; }
    public String getEncounterNote() { return encounterNote; }
    public void setEncounterNote(String encounterNote) { this.encounterNote = encounterNote; }
    public Long getEncounterCloseDueMs() { return encounterCloseDueMs; }
    public void setEncounterCloseDueMs(Long encounterCloseDueMs) { this.encounterCloseDueMs = encounterCloseDueMs; }
    public int getEncounterCloseAttempts() { return encounterCloseAttempts; }
    public void setEncounterCloseAttempts(int attempts) { this.encounterCloseAttempts = attempts; }
}
