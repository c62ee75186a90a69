package org.pavilion.pharmacy.internal.dispensing;

import java.math.BigDecimal;

import javax.persistence.EntityManager;

/**
 * The dispensing queue's door for prescriptions from outside the EMR (the HL7 RDE^O11 handler), written in the
 * caller's transaction so the hub can commit the message and the queue entry together. The caller writes the audit
 * records of what it queued or cancelled, committing with that transaction (the RDE^O11 handler does).
 */
public interface PrescriptionIntake {

    /** A prescription as an outside prescribing system sent it; {@code id} is unique per sender and order. */
    record Incoming(String id, String patientId, String encounterId, String drug, String itemCode, String dose,
            String route, String frequency, Integer durationDays, String instructions, BigDecimal quantity,
            String prescriber, long issuedMs, String placerApplication, String placerOrderNumber) {
    }

    /**
     * Queues {@code p} (source HL7, status PENDING) unless a prescription with its id exists (a resend: nothing
     * changes). {@code itemCode} unknown to the catalogue is kept null for the pharmacist to match.
     *
     * @return true when queued now, false for a resend
     * @throws org.pavilion.core.api.rest.ProblemException 422 when a required field is missing
     */
    boolean accept(EntityManager em, Incoming p, String actor);

    /**
     * Cancels the prescription {@code id} (an order control CA): refused with 409 once anything was dispensed.
     *
     * @return false when no such prescription exists
     */
    boolean cancel(EntityManager em, String id, String actor);
}
