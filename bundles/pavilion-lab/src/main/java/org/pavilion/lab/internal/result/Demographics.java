package org.pavilion.lab.internal.result;

/**
 * The patient's sex and birth date for reference ranges. {@link EmrDemographics} answers it while the EMR is
 * installed; without it every patient is {@link PatientFacts#UNKNOWN} and the ranges for any sex and age apply.
 */
public interface Demographics {

    /** The facts of {@code mrn}; {@link PatientFacts#UNKNOWN} when the patient or a fact is not known. */
    PatientFacts of(String mrn);
}
