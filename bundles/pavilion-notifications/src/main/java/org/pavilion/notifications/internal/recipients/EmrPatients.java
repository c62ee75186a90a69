package org.pavilion.notifications.internal.recipients;

import java.util.Optional;

/**
 * The EMR's patients as the directory needs them, in the bundle's own types: only {@link EmrPatientLookup} touches
 * an EMR class, so the bundle starts and works while the EMR (an optional import) is not installed.
 */
public interface EmrPatients {

    /**
     * The patient with this MRN, following merges (ref and patientId are the survivor's MRN), without opt-outs;
     * empty when the EMR does not know it.
     *
     * @throws IllegalArgumentException when {@code mrn} is not an MRN (check digits)
     */
    Optional<Recipient> byMrn(String mrn, String purpose);
}
