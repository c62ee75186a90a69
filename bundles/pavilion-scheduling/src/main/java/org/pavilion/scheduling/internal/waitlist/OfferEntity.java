package org.pavilion.scheduling.internal.waitlist;

import javax.persistence.*;

/** A freed slot offered to one waiting patient, held as offer:<id> until accepted, declined or expired. */
@Entity
@Table(name = "sched_offer")
public class OfferEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "waiting_id")
    private String waitingId;

    @Column(name = "doctor_id")
    private String doctorId;

    @Column(name = "location")
    private String location;

    @Column(name = "starts_ms")
    private long startsMs;

    @Column(name = "ends_ms")
    private long endsMs;

    @Column(name = "expires_ms")
    private long expiresMs;

    @Column(name = "status")
    private String status;

    @Column(name = "created_ms")
    private long createdMs;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getWaitingId() { return waitingId; }
    public void setWaitingId(String waitingId) { this.waitingId = waitingId; }
    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public long getStartsMs() { return startsMs; }
    public void setStartsMs(long startsMs) { this.startsMs = startsMs; }
    public long getEndsMs() { return endsMs; }
    public void setEndsMs(long endsMs) { this.endsMs = endsMs; }
    public long getExpiresMs() { return expiresMs; }
    public void setExpiresMs(long expiresMs) { this.expiresMs = expiresMs; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
}
