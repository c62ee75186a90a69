package org.pavilion.scheduling.internal.schedule;

import javax.persistence.*;

/** Weekly working hours: weekday 1 (Monday) to 7, minutes after midnight in the hospital's zone, [start, end). */
@Entity
@Table(name = "sched_working_hours")
public class WorkingHoursEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "doctor_id")
    private String doctorId;

    @Column(name = "location")
    private String location;

    @Column(name = "weekday")
    private int weekday;

    @Column(name = "start_minute")
    private int startMinute;

    @Column(name = "end_minute")
    private int endMinute;

    @Column(name = "valid_from")
    private String validFrom;

    @Column(name = "valid_to")
    private String validTo;

    @Column(name = "services")
    private String services;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public int getWeekday() { return weekday; }
    public void setWeekday(int weekday) { this.weekday = weekday; }
    public int getStartMinute() { return startMinute; }
    public void setStartMinute(int startMinute) { this.startMinute = startMinute; }
    public int getEndMinute() { return endMinute; }
    public void setEndMinute(int endMinute) { this.endMinute = endMinute; }
    public String getValidFrom() { return validFrom; }
    public void setValidFrom(String validFrom) { this.validFrom = validFrom; }
    public String getValidTo() { return validTo; }
    public void setValidTo(String validTo) { this.validTo = validTo; }
    public String getServices() { return services; }
    public void setServices(String services) { this.services = services; }
}
