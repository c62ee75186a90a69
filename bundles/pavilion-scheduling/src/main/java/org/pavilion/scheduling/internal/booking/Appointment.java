package org.pavilion.scheduling.internal.booking;

import java.math.BigDecimal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/**
 * An appointment as REST and SOAP show it. Times as ISO-8601 instants, {@code localStart} in the hospital's zone.
 * {@code bookingCode} is shown to staff and to the patient it belongs to only.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Appointment", namespace = "urn:pavilion:scheduling")
public class Appointment {
    public String id;
    public String patientId;
    public String doctorId;
    public String doctorName;
    public String specialty;
    public String serviceCode;
    public String serviceName;
    /** IN_PERSON or VIDEO. */
    public String visitType;
    public String location;
    public String start;
    public String end;
    public String localStart;
    /** BOOKED, CHECKED_IN, COMPLETED, CANCELLED or NO_SHOW. */
    public String status;
    public boolean late;
    public String bookingCode;
    public String reason;
    public String cancelReason;
    public String encounterId;
    public BigDecimal estimatedCost;
    public String currency;
    /** DESK, PORTAL, HL7 or SYSTEM. */
    public String channel;
    public String bookedBy;
    public String bookedAt;
    public String checkedInAt;
    public String externalSystem;
    public String externalId;
}
