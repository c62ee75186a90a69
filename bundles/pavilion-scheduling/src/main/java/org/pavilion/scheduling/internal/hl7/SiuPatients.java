package org.pavilion.scheduling.internal.hl7;

import java.util.Optional;

/**
 * The MRN of the patient an SIU's PID-3 names, while the EMR is installed ({@link EmrSiuPatients}); without it the
 * handler files appointments under PID-3 as sent.
 */
public interface SiuPatients {

    /** The MRN (the survivor's, after merges) of the patient {@code system}/{@code value} identifies. */
    Optional<String> mrn(String system, String value);
}
