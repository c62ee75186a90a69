package org.pavilion.scheduling.internal.schedule;

import javax.persistence.*;

/** Whole days of leave, inclusive ISO dates. */
@Entity
@Table(name = "sched_leave")
public class LeaveEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "doctor_id")
    private String doctorId;

    @Column(name = "from_day")
    private String fromDay;

    @Column(name = "to_day")
    private String toDay;

    @Column(name = "reason")
    private String reason;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getFromDay() { return fromDay; }
    public void setFromDay(String fromDay) { this.fromDay = fromDay; }
    public String getToDay() { return toDay; }
    public void setToDay(String toDay) { this.toDay = toDay; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
