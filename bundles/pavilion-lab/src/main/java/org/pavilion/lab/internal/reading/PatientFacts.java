package org.pavilion.lab.internal.reading;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A patient's sex and birth date, to pick the reference range that applies to them. The EMR knows them
 * ({@link EmrPatientFacts}); without the EMR nobody does, and a reader shows every range of the test.
 */
public interface PatientFacts {

    /** @param sex M, F or null (other, unknown); @param birthDate null when unknown */
    record Facts(String sex, LocalDate birthDate) {
    }

    /** What is known of {@code mrn}; empty when the patient or the facts are unknown. */
    Optional<Facts> of(String mrn);
}
