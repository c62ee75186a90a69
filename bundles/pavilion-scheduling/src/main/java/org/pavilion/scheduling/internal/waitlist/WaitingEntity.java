package org.pavilion.scheduling.internal.waitlist;

import javax.persistence.*;

/** A patient on the waiting list of a service (and a doctor, when doctorId is set). */
@Entity
@Table(name = "sched_waiting")
public class WaitingEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "doctor_id")
    private String doctorId;

    @Column(name = "service_code")
    private String serviceCode;

    @Column(name = "visit_type")
    private String visitType;

    @Column(name = "from_day")
    private String fromDay;

    @Column(name = "to_day")
    private String toDay;

    @Column(name = "status")
    private String status;

    @Column(name = "note")
    private String note;

    @Column(name = "created_ms")
    private long createdMs;

    @Column(name = "updated_ms")
    private long updatedMs;

    @Column(name = "appointment_id")
    private String appointmentId;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getServiceCode() { return serviceCode; }
    public void setServiceCode(String serviceCode) { this.serviceCode = serviceCode; }
    public String getVisitType() { return visitType; }
    public void setVisitType(String visitType) { this.visitType = visitType; }
    public String getFromDay() { return fromDay; }
    public void setFromDay(String fromDay) { this.fromDay = fromDay; }
    public String getToDay() { return toDay; }
    public void setToDay(String toDay) { this.toDay = toDay; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
    public String getAppointmentId() { return appointmentId; }
    public void setAppointmentId(String appointmentId) { this.appointmentId = appointmentId; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
