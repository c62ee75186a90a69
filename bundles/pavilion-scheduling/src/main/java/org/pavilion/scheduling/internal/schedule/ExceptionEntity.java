package org.pavilion.scheduling.internal.schedule;

import javax.persistence.*;

/** A one-off change on one day: CLOSED (times null: all day) or OPEN (extra hours at a location). */
@Entity
@Table(name = "sched_exception")
public class ExceptionEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "doctor_id")
    private String doctorId;

    @Column(name = "on_day")
    private String day;

    @Column(name = "kind")
    private String kind;

    @Column(name = "start_minute")
    private Integer startMinute;

    @Column(name = "end_minute")
    private Integer endMinute;

    @Column(name = "location")
    private String location;

    @Column(name = "reason")
    private String reason;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getDay() { return day; }
    public void setDay(String day) { this.day = day; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public Integer getStartMinute() { return startMinute; }
    public void setStartMinute(Integer startMinute) { this.startMinute = startMinute; }
    public Integer getEndMinute() { return endMinute; }
    public void setEndMinute(Integer endMinute) { this.endMinute = endMinute; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
