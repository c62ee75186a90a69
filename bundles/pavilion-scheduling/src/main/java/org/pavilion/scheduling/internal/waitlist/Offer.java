package org.pavilion.scheduling.internal.waitlist;

/** An offer of a freed slot as REST shows it: when, with whom, until when it can be accepted. */
public class Offer {
    public String id;
    public String waitingId;
    public String patientId;
    public String doctorId;
    public String doctorName;
    public String serviceCode;
    public String serviceName;
    public String visitType;
    public String location;
    public String start;
    public String end;
    public String localStart;
    public String expiresAt;
    /** OPEN, ACCEPTED, DECLINED or EXPIRED. */
    public String status;
    /** The booked appointment once ACCEPTED. */
    public String appointmentId;
}
