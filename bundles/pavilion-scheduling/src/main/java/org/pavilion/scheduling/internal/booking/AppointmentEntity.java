package org.pavilion.scheduling.internal.booking;

import javax.persistence.*;

/** An appointment; its time is held in sched_slot_hold while it is BOOKED or CHECKED_IN. */
@Entity
@Table(name = "sched_appointment")
public class AppointmentEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "doctor_id")
    private String doctorId;

    @Column(name = "service_code")
    private String serviceCode;

    @Column(name = "visit_type")
    private String visitType;

    @Column(name = "location")
    private String location;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "starts_ms")
    private long startsMs;

    @Column(name = "ends_ms")
    private long endsMs;

    @Column(name = "status")
    private String status;

    @Column(name = "late")
    private boolean late;

    @Column(name = "booking_code")
    private String bookingCode;

    @Column(name = "reason")
    private String reason;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "encounter_id")
    private String encounterId;

    @Column(name = "estimated_cost")
    private java.math.BigDecimal estimatedCost;

    @Column(name = "currency")
    private String currency;

    @Column(name = "channel")
    private String channel;

    @Column(name = "booked_by")
    private String bookedBy;

    @Column(name = "booked_ms")
    private long bookedMs;

    @Column(name = "checked_in_ms")
    private Long checkedInMs;

    @Column(name = "updated_ms")
    private long updatedMs;

    @Column(name = "external_system")
    private String externalSystem;

    @Column(name = "external_id")
    private String externalId;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getDoctorId() { return doctorId; }
    public void setDoctorId(String doctorId) { this.doctorId = doctorId; }
    public String getServiceCode() { return serviceCode; }
    public void setServiceCode(String serviceCode) { this.serviceCode = serviceCode; }
    public String getVisitType() { return visitType; }
    public void setVisitType(String visitType) { this.visitType = visitType; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public long getStartsMs() { return startsMs; }
    public void setStartsMs(long startsMs) { this.startsMs = startsMs; }
    public long getEndsMs() { return endsMs; }
    public void setEndsMs(long endsMs) { this.endsMs = endsMs; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public boolean isLate() { return late; }
    public void setLate(boolean late) { this.late = late; }
    public String getBookingCode() { return bookingCode; }
    public void setBookingCode(String bookingCode) { this.bookingCode = bookingCode; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getCancelReason() { return cancelReason; }
    public void setCancelReason(String cancelReason) { this.cancelReason = cancelReason; }
    public String getEncounterId() { return encounterId; }
    public void setEncounterId(String encounterId) { this.encounterId = encounterId; }
    public java.math.BigDecimal getEstimatedCost() { return estimatedCost; }
    public void setEstimatedCost(java.math.BigDecimal estimatedCost) { this.estimatedCost = estimatedCost; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getBookedBy() { return bookedBy; }
    public void setBookedBy(String bookedBy) { this.bookedBy = bookedBy; }
    public long getBookedMs() { return bookedMs; }
    public void setBookedMs(long bookedMs) { this.bookedMs = bookedMs; }
    public Long getCheckedInMs() { return checkedInMs; }
    public void setCheckedInMs(Long checkedInMs) { this.checkedInMs = checkedInMs; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
    public String getExternalSystem() { return externalSystem; }
    public void setExternalSystem(String externalSystem) { this.externalSystem = externalSystem; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
