package org.pavilion.emr.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only access to a patient's registration data for code inside the container (a department's services,
 * routes and subscribers): demographics, external identifiers, contact channels, preferred language and insurance,
 * by MRN or by an external identifier. A merged duplicate's MRN (or identifier) answers the survivor's record.
 *
 * <p>Every read is audited as a {@code READ patient} by the caller bound in {@code CallerContext} (required: bind
 * the user you act for, or your department's system caller) with the purpose the caller states, so "who has seen
 * this patient and why" stays answered by the trail.
 *
 * <p><b>No authorisation beyond being in the container:</b> this service does not decide whether the caller may
 * see this patient (a restricted record, a patient account asking for someone else). That answer comes from
 * {@code PatientAccess}; until it exists, a department serving its own users checks their roles before calling.
 * Clinical data (encounters, allergies, ...) is not part of this view.
 *
 * <p><b>Data minimisation:</b> a restricted patient's national id, phones and postal address are withheld from a
 * caller who is a person without {@code emr.patient.restricted.contact.read}; in-container actors (no roles) get
 * them. See {@link PatientDetails} for exactly which fields and how to read an empty one.
 */
@ProviderType
public interface PatientLookup {

    /**
     * The patient with this MRN, following merges to the survivor; empty when there is none.
     *
     * @param purpose why the caller reads it, for the audit trail (e.g. "appointment reminder"); required
     * @throws IllegalArgumentException when the MRN's check digits do not match or the purpose is missing
     * @throws IllegalStateException    when no caller is bound
     */
    Optional<PatientDetails> byMrn(String mrn, String purpose);

    /**
     * The patient another system knows by {@code value} in {@code system} (e.g. an HL7 sender's PID-3 and its
     * assigning authority), following merges to the survivor; empty when the identifier is unknown.
     *
     * @param purpose why the caller reads it, for the audit trail; required
     * @throws IllegalArgumentException when system, value or purpose is missing
     * @throws IllegalStateException    when no caller is bound
     */
    Optional<PatientDetails> byIdentifier(String system, String value, String purpose);
}
