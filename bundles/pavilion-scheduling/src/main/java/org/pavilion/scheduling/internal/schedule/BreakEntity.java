package org.pavilion.scheduling.internal.schedule;

import javax.persistence.*;

/** A break inside one row of working hours. */
@Entity
@Table(name = "sched_break")
public class BreakEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "hours_id")
    private String hoursId;

    @Column(name = "start_minute")
    private int startMinute;

    @Column(name = "end_minute")
    private int endMinute;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getHoursId() { return hoursId; }
    public void setHoursId(String hoursId) { this.hoursId = hoursId; }
    public int getStartMinute() { return startMinute; }
    public void setStartMinute(int startMinute) { this.startMinute = startMinute; }
    public int getEndMinute() { return endMinute; }
    public void setEndMinute(int endMinute) { this.endMinute = endMinute; }
}
