package org.pavilion.lab.internal.hl7;

import java.util.Optional;

/**
 * The demographics an outbound order or result message's PID carries beyond the MRN, while the EMR is installed
 * ({@link EmrPatientNames}); without it PID carries PID-3 only (a LIS matches on the MRN).
 */
public interface PatientNames {

    /** PID-5, PID-7 and PID-8 of a patient: family and given name, ISO birth date, HL7 administrative sex. */
    record Names(String familyName, String givenName, String birthDate, String sex) {
    }

    /** The patient's names; empty when {@code mrn} is no MRN the EMR knows. {@code purpose} goes to the audit. */
    Optional<Names> byMrn(String mrn, String purpose);
}
