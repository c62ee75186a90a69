package org.pavilion.core.api.privacy;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A department's part in the privacy operations on a patient, registered as an OSGi service. The EMR calls every
 * registered participant, each in its own transactions, after its own part of the operation has committed:
 * <ul>
 * <li>{@link #merge}: after a duplicate record was merged into its survivor, re-point the rows kept under the
 * duplicate's MRN to the survivor's;</li>
 * <li>{@link #export}: write the participant's data on the patient as one JSON value, which the EMR's GDPR export
 * carries next to its own;</li>
 * <li>{@link #erase}: remove or anonymise the participant's data on the patient.</li>
 * </ul>
 * Every method must be idempotent: an operation is run again when a participant failed, and the participants that
 * succeeded the first time are called again. A participant that throws is reported as FAILED with the error; it
 * does not undo the EMR's part nor another participant's. Merge and erasure run on the requesting thread with its
 * {@code CallerContext} bound; an export may be written while the response streams, so do not rely on a caller
 * there.
 */
@ConsumerType
public interface PrivacyParticipant {

    /** Stable key of the participant, e.g. {@code hl7-hub} or the department's module name. */
    String name();

    /** What a data-protection officer reads in a report, e.g. "HL7 hub: stored messages and outbound queue". */
    String title();

    /** Re-points the participant's rows from {@code duplicateMrn} to {@code survivorMrn}. */
    ParticipantOutcome merge(String survivorMrn, String duplicateMrn);

    /**
     * Writes the participant's data on the subject as exactly one JSON value (UTF-8), usually an object; the
     * stream is not to be closed. Writes {@code {}} or {@code []} when it holds nothing.
     */
    void export(PrivacySubject subject, OutputStream json) throws IOException;

    /**
     * Removes or anonymises the participant's data on the subject, and says what it removed, anonymised or kept
     * and why. Called again on a repeated erasure: then finds nothing left to do, or completes what failed.
     */
    ParticipantOutcome erase(PrivacySubject subject);
}
