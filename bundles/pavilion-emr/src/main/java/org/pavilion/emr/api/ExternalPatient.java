package org.pavilion.emr.api;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A patient as an external system describes it, identified by that system's identifier. */
@ProviderType
public class ExternalPatient {
    /** Assigning authority of the identifier (HL7 PID-3.4, else the sending application). */
    public String system;
    /** The identifier in that system (HL7 PID-3.1). */
    public String value;
    public String givenName;
    public String familyName;
    /** FEMALE, MALE, OTHER or UNKNOWN. */
    public String sex;
    /** yyyy-MM-dd. */
    public String birthDate;
    public String nationalId;
    public List<String> phones = new ArrayList<>();
    public String addressLine;
    public String addressCity;
    public String addressPostalCode;
    /** ISO 3166-1 alpha-2. */
    public String addressCountry;
    /**
     * The patient's next of kin, replacing the stored ones; null when the message carries none (the stored ones are
     * kept). @since 1.6
     */
    public List<ExternalNextOfKin> nextOfKin;
    /** The patient's insurance cover, the primary first, replacing the stored one; null: kept. @since 1.6 */
    public List<ExternalInsurance> insurance;
}
