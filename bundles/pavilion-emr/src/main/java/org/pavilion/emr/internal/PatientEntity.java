package org.pavilion.emr.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A registered patient's demographics (table emr_patient). Birth date as ISO text: see the change log. */
@Entity
@Table(name = "emr_patient")
public class PatientEntity {

    @Id
    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "given_name", nullable = false, length = 100)
    private String givenName;

    @Column(name = "family_name", nullable = false, length = 100)
    private String familyName;

    @Column(name = "given_name_norm", nullable = false, length = 100)
    private String givenNameNorm;

    @Column(name = "family_name_norm", nullable = false, length = 100)
    private String familyNameNorm;

    @Column(name = "sex", nullable = false, length = 8)
    private String sex;

    @Column(name = "birth_date", nullable = false, length = 10)
    private String birthDate;

    @Column(name = "national_id", length = 64)
    private String nationalId;

    @Column(name = "national_id_norm", length = 64)
    private String nationalIdNorm;

    @Column(name = "email", length = 254)
    private String email;

    @Column(name = "address_line", length = 200)
    private String addressLine;

    @Column(name = "address_city", length = 100)
    private String addressCity;

    @Column(name = "address_postal_code", length = 20)
    private String addressPostalCode;

    @Column(name = "address_country", length = 2)
    private String addressCountry;

    @Column(name = "preferred_language", length = 35)
    private String preferredLanguage;

    @Column(name = "registered_ms", nullable = false)
    private long registeredMs;

    @Column(name = "registered_by", nullable = false, length = 64)
    private String registeredBy;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getGivenName() { return givenName; }
    public void setGivenName(String givenName) { this.givenName = givenName; }
    public String getFamilyName() { return familyName; }
    public void setFamilyName(String familyName) { this.familyName = familyName; }
    public String getGivenNameNorm() { return givenNameNorm; }
    public void setGivenNameNorm(String givenNameNorm) { this.givenNameNorm = givenNameNorm; }
    public String getFamilyNameNorm() { return familyNameNorm; }
    public void setFamilyNameNorm(String familyNameNorm) { this.familyNameNorm = familyNameNorm; }
    public String getSex() { return sex; }
    public void setSex(String sex) { this.sex = sex; }
    public String getBirthDate() { return birthDate; }
    public void setBirthDate(String birthDate) { this.birthDate = birthDate; }
    public String getNationalId() { return nationalId; }
    public void setNationalId(String nationalId) { this.nationalId = nationalId; }
    public String getNationalIdNorm() { return nationalIdNorm; }
    public void setNationalIdNorm(String nationalIdNorm) { this.nationalIdNorm = nationalIdNorm; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getAddressLine() { return addressLine; }
    public void setAddressLine(String addressLine) { this.addressLine = addressLine; }
    public String getAddressCity() { return addressCity; }
    public void setAddressCity(String addressCity) { this.addressCity = addressCity; }
    public String getAddressPostalCode() { return addressPostalCode; }
    public void setAddressPostalCode(String addressPostalCode) { this.addressPostalCode = addressPostalCode; }
    public String getAddressCountry() { return addressCountry; }
    public void setAddressCountry(String addressCountry) { this.addressCountry = addressCountry; }
    public String getPreferredLanguage() { return preferredLanguage; }
    public void setPreferredLanguage(String preferredLanguage) { this.preferredLanguage = preferredLanguage; }
    public long getRegisteredMs() { return registeredMs; }
    public void setRegisteredMs(long registeredMs) { this.registeredMs = registeredMs; }
    public String getRegisteredBy() { return registeredBy; }
    public void setRegisteredBy(String registeredBy) { this.registeredBy = registeredBy; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }

    @Column(name = "restricted", nullable = false)
    private boolean restricted;

    /** Set on a merged duplicate: the MRN of the survivor it redirects to. */
    @Column(name = "merged_into", length = 16)
    private String mergedInto;

    @Column(name = "merged_ms")
    private Long mergedMs;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    public boolean isRestricted() {
        return restricted;
    }

    public void setRestricted(boolean restricted) {
        this.restricted = restricted;
    }

    public String getMergedInto() {
        return mergedInto;
    }

    public void setMergedInto(String mergedInto) {
        this.mergedInto = mergedInto;
    }

    public Long getMergedMs() {
        return mergedMs;
    }

    public void setMergedMs(Long mergedMs) {
        this.mergedMs = mergedMs;
    }

    public long getVersion() {
        return version;
    }

    /** Only for rows read outside JPA (PatientFinder's page); JPA maintains it for managed entities. */
    void setVersion(long version) {
        this.version = version;
    }

    /** An emergency registration of someone not yet identified: names are placeholders. */
    @Column(name = "unidentified", nullable = false)
    private boolean unidentified;

    @Column(name = "birth_date_estimated", nullable = false)
    private boolean birthDateEstimated;

    @Column(name = "arrival_note", length = 500)
    private String arrivalNote;

    public boolean isUnidentified() {
        return unidentified;
    }

    public void setUnidentified(boolean unidentified) {
        this.unidentified = unidentified;
    }

    public boolean isBirthDateEstimated() {
        return birthDateEstimated;
    }

    public void setBirthDateEstimated(boolean birthDateEstimated) {
        this.birthDateEstimated = birthDateEstimated;
    }

    public String getArrivalNote() {
        return arrivalNote;
    }

    public void setArrivalNote(String arrivalNote) {
        this.arrivalNote = arrivalNote;
    }

    /** When a full GDPR erasure pseudonymised this record. */
    @Column(name = "erased_ms")
    private Long erasedMs;

    public Long getErasedMs() {
        return erasedMs;
    }

    public void setErasedMs(Long erasedMs) {
        this.erasedMs = erasedMs;
    }

    /**
     * Phonetic keys of the normalised names (Double Metaphone, see NameKeys), filled by NameKeys.fill whenever
     * the names are set; null only on rows from before the keys existed, until PatientFinder back-fills them.
     */
    @Column(name = "family_name_phonetic", length = 16)
    private String familyNamePhonetic;

    @Column(name = "given_name_phonetic", length = 16)
    private String givenNamePhonetic;

    public String getFamilyNamePhonetic() {
        return familyNamePhonetic;
    }

    public void setFamilyNamePhonetic(String familyNamePhonetic) {
        this.familyNamePhonetic = familyNamePhonetic;
    }

    public String getGivenNamePhonetic() {
        return givenNamePhonetic;
    }

    public void setGivenNamePhonetic(String givenNamePhonetic) {
        this.givenNamePhonetic = givenNamePhonetic;
    }
}
