package org.pavilion.emr.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A patient's recorded allergies and intolerances for code inside the container that must check against them (the
 * pharmacy before it dispenses). Like {@link PatientLookup}, every read is audited as a {@code READ} of the record by
 * the caller bound in {@code CallerContext}, with the purpose the caller states, and a merged duplicate's MRN answers
 * the survivor's. Whether the caller's user may see the record is {@link PatientAccess}'s answer, not this one's.
 *
 * @since 2.2
 */
@ProviderType
public interface PatientAllergies {

    /**
     * The patient's ACTIVE entries (allergies and intolerances), as {@link AllergyRecorded} payloads stand now;
     * empty when none is recorded or the MRN is unknown.
     *
     * @param purpose why the caller reads them, for the audit trail (e.g. "dispensing allergy check"); required
     * @throws IllegalArgumentException when the MRN's check digits do not match or the purpose is missing
     * @throws IllegalStateException    when no caller is bound
     */
    List<AllergyRecorded> active(String mrn, String purpose);
}
