package org.pavilion.scheduling.internal.waitlist;

/**
 * A request to wait for a slot: {@code POST /waiting-list} (staff name the patient) or {@code POST /my/waiting-list}
 * (the caller's own record; patientId ignored). Days are ISO dates; {@code from} defaults to today.
 */
public class WaitingRequest {
    public String patientId;
    public String serviceCode;
    /** Null: any doctor of the service. */
    public String doctorId;
    /** IN_PERSON or VIDEO; default IN_PERSON. */
    public String visitType;
    public String from;
    public String to;
    public String note;
}
