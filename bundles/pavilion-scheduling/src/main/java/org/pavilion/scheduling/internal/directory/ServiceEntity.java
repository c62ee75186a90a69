package org.pavilion.scheduling.internal.directory;

import javax.persistence.*;

/** A service doctors are booked for, e.g. a first consultation; visitTypes comma-separated IN_PERSON, VIDEO. */
@Entity
@Table(name = "sched_service")
public class ServiceEntity {

    @Id
    @Column(name = "code")
    private String code;

    @Column(name = "name")
    private String name;

    @Column(name = "specialty")
    private String specialty;

    @Column(name = "slot_minutes")
    private int slotMinutes;

    @Column(name = "visit_types")
    private String visitTypes;

    @Column(name = "active")
    private boolean active;

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSpecialty() { return specialty; }
    public void setSpecialty(String specialty) { this.specialty = specialty; }
    public int getSlotMinutes() { return slotMinutes; }
    public void setSlotMinutes(int slotMinutes) { this.slotMinutes = slotMinutes; }
    public String getVisitTypes() { return visitTypes; }
    public void setVisitTypes(String visitTypes) { this.visitTypes = visitTypes; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
}
