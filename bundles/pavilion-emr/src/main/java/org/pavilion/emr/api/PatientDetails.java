package org.pavilion.emr.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A patient's registration data as {@link PatientLookup} answers it: immutable, the lists unmodifiable.
 *
 * <p><b>Withheld fields (data minimisation, issue #20).</b> For a {@code restricted} patient (VIP, staff member,
 * sensitive record) three things are withheld when the lookup's caller is a person (a caller with roles) who does
 * not hold the privilege {@code emr.patient.restricted.contact.read} (seeded to RECEPTIONIST and ADMIN):
 * {@code nationalId} is then null, {@code contact.phones} empty and {@code contact.address} null, whatever is
 * registered. Names, birth date, sex, identifiers, e-mail, preferred language and insurance are never withheld. An
 * in-container actor without roles (a department's system caller sending a reminder, an HL7 route) gets every
 * field. This record has no list of what was withheld: when {@code restricted} is true and the caller is such a
 * person, read an empty value as "not shown to you", not as "not known", and do not write it back. (The EMR's own
 * REST and SOAP answers name the withheld fields in their {@code hidden} list as {@code "address"},
 * {@code "phones"} and {@code "nationalId"}.)
 *
 * @param mrn                the survivor's MRN: file your data under this one
 * @param requestedMrn       the MRN asked for when it is a merged duplicate of {@code mrn}; else null
 * @param givenName          given name(s); placeholders for an unidentified arrival or after a full erasure
 * @param familyName         family name(s)
 * @param sex                FEMALE, MALE, OTHER or UNKNOWN
 * @param birthDate          ISO date (yyyy-MM-dd)
 * @param birthDateEstimated true when estimated (emergency registration, or only the year kept after erasure)
 * @param unidentified       registered in an emergency without identity, names are placeholders
 * @param restricted         a restricted record: clinical access needs break-the-glass (ask PatientAccess)
 * @param erased             erased under GDPR: names and birth date are pseudonyms, contacts gone
 * @param nationalId         national id or passport number; null when not known or withheld (see above)
 * @param identifiers        identifiers other systems know the patient by
 * @param contact            phones, e-mail, postal address; phones and address withheld as said above
 * @param preferredLanguage  BCP 47 tag, or null
 * @param insurance          policies, the primary cover first
 */
@ProviderType
public record PatientDetails(String mrn, String requestedMrn, String givenName, String familyName, String sex,
        String birthDate, boolean birthDateEstimated, boolean unidentified, boolean restricted, boolean erased,
        String nationalId, List<Identifier> identifiers, Contact contact, String preferredLanguage,
        List<Insurance> insurance) {

    public PatientDetails {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        insurance = insurance == null ? List.of() : List.copyOf(insurance);
        contact = contact == null ? new Contact(List.of(), null, null) : contact;
    }

    /** An identifier in another system: its assigning system (e.g. HL7 PID-3.4) and value. */
    @ProviderType
    public record Identifier(String system, String value) {
    }

    /** How to reach the patient: phones in the registered order, e-mail, postal address (null when none). */
    @ProviderType
    public record Contact(List<String> phones, String email, Address address) {
        public Contact {
            phones = phones == null ? List.of() : List.copyOf(phones);
        }
    }

    /** A postal address; country as ISO 3166-1 alpha-2. */
    @ProviderType
    public record Address(String line, String city, String postalCode, String country) {
    }

    /**
     * An insurance policy.
     *
     * @param holderRelationship SELF, SPOUSE, PARENT or OTHER
     * @param validFrom          ISO date or null
     * @param validTo            ISO date or null
     * @param active             valid today
     */
    @ProviderType
    public record Insurance(String insurer, String policyNumber, String plan, String holderRelationship,
            String validFrom, String validTo, boolean active) {
    }
}
