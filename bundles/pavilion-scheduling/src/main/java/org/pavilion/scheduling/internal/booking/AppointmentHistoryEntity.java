package org.pavilion.scheduling.internal.booking;

import javax.persistence.*;

/** One change of an appointment, in order. */
@Entity
@Table(name = "sched_appointment_history")
public class AppointmentHistoryEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "appointment_id")
    private String appointmentId;

    @Column(name = "action")
    private String action;

    @Column(name = "detail")
    private String detail;

    @Column(name = "actor")
    private String actor;

    @Column(name = "at_ms")
    private long atMs;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getAppointmentId() { return appointmentId; }
    public void setAppointmentId(String appointmentId) { this.appointmentId = appointmentId; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public long getAtMs() { return atMs; }
    public void setAtMs(long atMs) { this.atMs = atMs; }
}
