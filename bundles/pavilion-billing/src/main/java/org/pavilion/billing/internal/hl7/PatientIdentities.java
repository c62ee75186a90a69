package org.pavilion.billing.internal.hl7;

import java.util.Optional;

/**
 * Who a sender's PID-3 identifier is in this hospital: the MRN, from the EMR ({@link EmrPatientIdentities}) while it
 * is installed. Without the EMR the DFT handler takes PID-3 as the MRN it names.
 */
public interface PatientIdentities {

    /**
     * The MRN (the survivor's, after merges) of the patient {@code value} names: as an MRN of this hospital when
     * {@code type} is MR, else (or when that finds nobody) as the identifier {@code value} of {@code authority}.
     * Empty when nobody is known by it. {@code purpose} goes to the audit trail.
     */
    Optional<String> mrn(String value, String authority, String type, String purpose);
}
