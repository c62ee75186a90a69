package org.pavilion.lab.internal.result;

import java.util.List;

import javax.persistence.EntityManager;

import org.pavilion.core.api.audit.AuditEvent;

/**
 * Results from outside the lab's own screens (an analyser, an external LIS over HL7 ORU^R01) into the same rules as
 * a technician's entry: the item must be resultable, the value must fit the test (number for a numeric test, a
 * unit the test accepts), it is flagged against the patient's reference range, and it waits for verification like
 * any other result. The caller owns the transaction ({@code em}), so the HL7 handler commits the results and the
 * hub's ACK in one commit.
 */
public interface ResultIntake {

    /**
     * The {@link org.pavilion.core.api.rest.ProblemException#extensions() extension} of a refusal that names what was
     * refused, so the HL7 handler can point its ERR at the right OBX field: {@code order} (the order or specimen),
     * {@code patient}, {@code testCode}, {@code item} (not resultable), {@code value} or {@code unit}. A refusal
     * without it is located by its status.
     */
    String REFUSED = "refused";

    /**
     * One observation as received (an OBX): which test, its value and unit, what the sender said of it.
     * {@code senderStatus} is the sender's result status (HL7 OBX-11: F final, C corrected, P preliminary, R not
     * verified) or null; {@code verifiedBySender} is true only for a final result from a sender the laboratory trusts
     * to verify its own work (LabConfig.lisVerifiedSenders): taken as verified and released, not as ENTERED.
     */
    record Observation(String testCode, String value, String unit, String senderFlag, Long observedMs,
            String comment, String senderStatus, boolean verifiedBySender) {

        /** An observation to be verified in this lab (an analyser's, a manual import's). */
        public Observation(String testCode, String value, String unit, String senderFlag, Long observedMs,
                String comment) {
            this(testCode, value, unit, senderFlag, observedMs, comment, null, false);
        }
    }

    /**
     * What became of one observation, with the audit record the caller writes in its own commit (the HL7 handler:
     * {@code AuditService.recordAllCommittingWith} around the hub's completion), so a message rolled back leaves no
     * record of results that were never kept.
     */
    record Taken(String resultId, String itemId, String testCode, String flag, boolean critical, AuditEvent audit) {
    }

    /**
     * Finds the order by its order number (the HL7 placer order number), or a specimen id, and records each
     * observation on the order's item of that test code (catalogue code or LOINC), in {@code em}'s transaction.
     *
     * An observation {@link Observation#verifiedBySender() verified by its sender} is taken as verified by
     * {@code actor} and released at once (events, a critical value's alert, the order completed), without the
     * four-eyes rule of the lab's own verification.
     *
     * @param source ANALYSER or HL7
     * @param actor  the feed or instrument, as the history and audit name it
     * @throws org.pavilion.core.api.rest.ProblemException 404 for an unknown order or specimen, 409 for an order
     *         that is cancelled or an item not resultable, 422 (or 400) for a value or unit that does not fit; the
     *         caller rolls back and nothing of the message is kept
     */
    List<Taken> receive(EntityManager em, String orderNumberOrSpecimenId, List<Observation> observations,
            String source, String actor);
}
