package org.pavilion.emr.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The EMR for systems that identify patients by their own identifiers (a hospital ADT system's patient id, HL7
 * PID-3) and visits by their own visit numbers (PV1-19), and need a synchronous answer. Every operation is
 * idempotent by those natural keys: a message applied twice (a sender's retry, a replay after a crash) changes
 * nothing the second time. Writes go through the EMR's own services, so they are validated, audited and publish
 * their events; the actor is the thread's {@code CallerContext} caller (an HL7 listener binds a named
 * INTEGRATION caller), "system" without one.
 *
 * <p>Content the EMR refuses (missing names, a birth date in the future, an unknown identifier or visit) is an
 * {@link IllegalArgumentException} whose message says what is wrong; anything else is a processing failure.
 */
@ProviderType
public interface PatientDirectory {

    /** What an operation did. */
    @ProviderType
    enum Change {
        CREATED, UPDATED, UNCHANGED
    }

    /** Outcome of a directory write: the patient's (surviving) MRN, the encounter where there is one. */
    @ProviderType
    final class Result {
        public final String mrn;
        public final String encounterId;
        public final Change change;

        public Result(String mrn, String encounterId, Change change) {
            this.mrn = mrn;
            this.encounterId = encounterId;
            this.change = change;
        }

        @Override
        public String toString() {
            return change + " " + mrn + (encounterId == null ? "" : " encounter " + encounterId);
        }
    }

    /**
     * Registers the patient the identifier names, or updates the demographics the message carries (fields left
     * null keep their value; next of kin and insurance are replaced when the patient carries them, kept when those
     * lists are null). Unchanged data is not rewritten.
     */
    Result registerOrUpdate(ExternalPatient patient);

    /** The MRN of the patient {@code system}/{@code value} identifies (the survivor, after merges). */
    Optional<String> findMrn(String system, String value);

    /**
     * Merges the patient identified by {@code duplicateValue} into the one identified by {@code survivorValue}
     * (both in {@code system}); the duplicate's identifiers then name the survivor. Already merged: UNCHANGED.
     */
    Result merge(String system, String survivorValue, String duplicateValue, String reason);

    /**
     * Opens the encounter of the visit, or finds the one already opened for that visit number: the same visit
     * number twice is the same encounter (UNCHANGED). A visit without a number (since 2.0) is the same visit when its
     * system (the sending facility), patient, {@code admittedAt} and kind are the same: a resend under a new control
     * id opens no second encounter. A {@code planned} visit opens a PLANNED encounter; the same visit admitted
     * later (not planned) turns it OPEN (UPDATED, EncounterStatusChanged).
     */
    Result openEncounter(String system, String patientValue, ExternalVisit visit);

    /**
     * As {@link #openEncounter} for a patient the caller knows by MRN (a department of this hospital, e.g. a check-in
     * at scheduling), the survivor's after merges. The visit number is required here ({@code visit.system} and
     * {@code visit.number}: the same visit twice is the same encounter, UNCHANGED). An unknown MRN is refused.
     *
     * @since 2.1
     */
    Result openEncounterForPatient(String mrn, ExternalVisit visit);

    /** Closes the encounter of visit {@code visitSystem}/{@code visitNumber}; already closed: UNCHANGED. */
    Result closeEncounter(String visitSystem, String visitNumber);

    /**
     * Records the patient's allergies the feed lists; one already recorded for the same substance (case aside) is
     * left as it is, so the same message twice changes nothing. UNCHANGED when nothing was new.
     *
     * @since 1.6
     */
    Result recordAllergies(String system, String patientValue, List<ExternalAllergy> allergies);

    /**
     * Records the diagnoses of the visit's encounter, each once per encounter and code. A code the EMR's ICD-10
     * catalogue does not hold is not dropped: it is kept as a free-text note on the encounter, and returned.
     *
     * @return the codes kept as free text, in the order given (empty when all were recorded as diagnoses)
     * @since 1.6
     */
    List<String> recordDiagnoses(String visitSystem, String visitNumber, List<ExternalDiagnosis> diagnoses);

    /**
     * Closes the visit's encounter saying where the patient went ({@code disposition}, HL7 PV1-36; null if not
     * said): a discharge publishes PatientDischarged with it. Already closed: UNCHANGED.
     *
     * @since 1.6
     */
    Result closeEncounter(String visitSystem, String visitNumber, String disposition);

    /**
     * Moves the patient of the visit's open encounter to {@code location} ({@code ward^room^bed}), publishing
     * EncounterMoved; already there: UNCHANGED. {@code location} null: back to where the last move came from
     * (a cancelled transfer).
     *
     * @since 1.6
     */
    Result moveEncounter(String visitSystem, String visitNumber, String location);

    /**
     * Reopens the visit's closed encounter (a cancelled discharge); already open: UNCHANGED.
     *
     * @since 1.6
     */
    Result reopenEncounter(String visitSystem, String visitNumber);

    /**
     * Cancels the visit's open encounter (a cancelled admission): status CANCELLED, the encounter and what was
     * recorded on it are kept. Already cancelled: UNCHANGED.
     *
     * @since 1.6
     */
    Result cancelEncounter(String visitSystem, String visitNumber);

    /**
     * Changes the class of the patient's visit (HL7 A06 outpatient to inpatient, A07 back) to {@code visit.kind},
     * publishing EncounterClassChanged; already of that class: UNCHANGED. The encounter is the one of
     * {@code visit.number}, else of {@code priorVisitNumber} (HL7 MRG-5: the visit number before the change; the new
     * number then names the same encounter), else the patient's open encounter. {@code visit.location}, when given
     * and not where the patient is, moves the patient there too (EncounterMoved).
     *
     * @since 1.7
     */
    Result changeEncounterClass(String system, String patientValue, ExternalVisit visit, String priorVisitNumber);

    /**
     * Replaces the patient identifier {@code oldValue} of {@code system} by {@code newValue} (HL7 A47: the sender
     * corrected its identifier), on the same patient; already done: UNCHANGED. An unknown {@code oldValue}, or a
     * {@code newValue} that already names another patient, is refused ({@link IllegalArgumentException}; the
     * latter's message starts with "conflict").
     *
     * @since 1.7
     */
    Result changeIdentifier(String system, String oldValue, String newValue);

    /**
     * As {@link #recordDiagnoses(String, String, List)} for the visit {@link #openEncounter} opened for patient
     * {@code system}/{@code patientValue}, with or without a visit number.
     *
     * @since 1.7
     */
    List<String> recordDiagnoses(String system, String patientValue, ExternalVisit visit,
            List<ExternalDiagnosis> diagnoses);
}
