package org.pavilion.scheduling.internal.waitlist;

import org.pavilion.scheduling.internal.Times;

/** A waiting-list entry as REST shows it. The note is staff's and left out of the patient's own view. */
public class WaitingEntry {
    public String id;
    public String patientId;
    public String serviceCode;
    public String doctorId;
    public String visitType;
    public String from;
    public String to;
    /** WAITING, OFFERED, BOOKED, REMOVED or EXPIRED. */
    public String status;
    public String note;
    public String createdAt;
    /** Set once an offer was accepted. */
    public String appointmentId;

    static WaitingEntry of(WaitingEntity e, boolean withNote) {
        WaitingEntry x = new WaitingEntry();
        x.id = e.getId();
        x.patientId = e.getPatientId();
        x.serviceCode = e.getServiceCode();
        x.doctorId = e.getDoctorId();
        x.visitType = e.getVisitType();
        x.from = e.getFromDay();
        x.to = e.getToDay();
        x.status = e.getStatus();
        x.note = withNote ? e.getNote() : null;
        x.createdAt = Times.instant(e.getCreatedMs());
        x.appointmentId = e.getAppointmentId();
        return x;
    }
}
