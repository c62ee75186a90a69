package org.pavilion.notifications.internal.intake;

/**
 * Present (as a service) while the EMR's {@code PatientLookup} is: tells "the EMR is not installed"
 * ({@code NO_PATIENT_DIRECTORY}) from "the EMR does not know this patient" ({@code NO_ADDRESS}), which the
 * RecipientDirectory's empty answer does not. A separate component so that only it loads the optional EMR api.
 */
public interface EmrPresence {
}
