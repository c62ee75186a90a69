package org.pavilion.emr.internal.record;

import java.util.List;

import javax.validation.constraints.AssertTrue;
import javax.validation.constraints.Max;
import javax.validation.constraints.Min;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.pavilion.emr.api.LabResult;
import org.pavilion.emr.internal.Patient;

/** What REST (JSON) and SOAP (JAXB) exchange for the clinical record: inputs, entries, and the record view. */
public final class Clinical {

    static final String NS = ClinicalRecordSoap.NAMESPACE;

    private Clinical() {
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "EncounterInput", namespace = NS)
    public static class EncounterInput {
        // Declared rules (DeclaredConstraints, every broken field in one 400); the kind in any case.
        /** OUTPATIENT, EMERGENCY, ADMISSION, TELECONSULTATION. */
        @NotBlank
        @Pattern(regexp = "\\s*(OUTPATIENT|EMERGENCY|ADMISSION|TELECONSULTATION)?\\s*",
                flags = Pattern.Flag.CASE_INSENSITIVE, message = "is one of OUTPATIENT, EMERGENCY, ADMISSION, "
                        + "TELECONSULTATION")
        public String kind;
        /** Username of the attending clinician; the caller when left out. */
        @Size(max = 64)
        public String attending;
        /** The attending's name as the sender gave it (an ADT feed's PV1-7), next to its id in attending. */
        @Size(max = 200)
        public String attendingName;
        /** Doctor who admitted the patient (PV1-17), id and name. */
        @Size(max = 64)
        public String admitting;
        @Size(max = 200)
        public String admittingName;
        /** Where the patient lies: ward^room^bed. */
        @Size(max = 100)
        public String location;
        @Size(max = 500)
        public String reason;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Encounter", namespace = NS)
    public static class Encounter {
        public String id;
        public String mrn;
        public String kind;
        public String status;
        public String attending;
        public String attendingName;
        public String admitting;
        public String admittingName;
        public String location;
        public String reason;
        public String openedAt;
        public String openedBy;
        public String closedAt;
        public String closedBy;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "DiagnosisInput", namespace = NS)
    public static class DiagnosisInput {
        /** ICD-10 code with or without the dot: E11.9 or E119. */
        public String code;
        public String encounterId;
        /** ACTIVE (default) or RESOLVED. */
        public String status;
        /** yyyy-MM-dd, not in the future. */
        public String onsetDate;
        public String note;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Diagnosis", namespace = NS)
    public static class Diagnosis {
        public String id;
        public String mrn;
        public String encounterId;
        public String code;
        public String codeSystem;
        public String title;
        public String status;
        public String onsetDate;
        public String note;
        public String recordedAt;
        public String recordedBy;
        public String updatedAt;
        public String updatedBy;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "StatusChange", namespace = NS)
    public static class StatusChange {
        public String status;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AllergyInput", namespace = NS)
    public static class AllergyInput {
        // Declared rules (DeclaredConstraints, every broken field in one 400). Names in any case, '-' or ' ' for '_'.
        @NotBlank @Size(max = 200)
        public String substance;
        /** The allergen's code (e.g. RxNorm 7980) and its coding system (RXNORM, SCT, ...); both or neither. */
        @Size(max = 64)
        public String code;
        @Size(max = 32)
        public String codeSystem;
        @Size(max = 500)
        public String reaction;
        /** MILD, MODERATE, SEVERE, LIFE_THREATENING, UNKNOWN (not assessed). */
        @NotBlank
        @Pattern(regexp = "\\s*(MILD|MODERATE|SEVERE|LIFE[_ -]THREATENING|UNKNOWN)?\\s*",
                flags = Pattern.Flag.CASE_INSENSITIVE, message = "is one of MILD, MODERATE, SEVERE, LIFE_THREATENING, "
                        + "UNKNOWN")
        public String severity;
        /** ALLERGY (default) or INTOLERANCE. */
        @Pattern(regexp = "\\s*(ALLERGY|INTOLERANCE)?\\s*", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "is ALLERGY or INTOLERANCE")
        public String kind;
        /** ACTIVE (default), INACTIVE, RESOLVED, ENTERED_IN_ERROR. */
        @Pattern(regexp = "\\s*(ACTIVE|INACTIVE|RESOLVED|ENTERED[_ -]IN[_ -]ERROR)?\\s*",
                flags = Pattern.Flag.CASE_INSENSITIVE, message = "is one of ACTIVE, INACTIVE, RESOLVED, ENTERED_IN_ERROR")
        public String status;

        /** Checked with the fields' declared rules; not part of the JSON or the SOAP type. */
        @JsonIgnore
        @AssertTrue(message = "code and codeSystem go together: give both or neither")
        public boolean isCodedOrNot() {
            return (code == null || code.isBlank()) == (codeSystem == null || codeSystem.isBlank());
        }
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Allergy", namespace = NS)
    public static class Allergy extends AllergyInput {
        public String id;
        public String mrn;
        public String recordedAt;
        public String recordedBy;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ObservationInput", namespace = NS)
    public static class ObservationInput {
        /** One of the vital-sign codes, e.g. heart-rate, systolic-bp, body-temperature. */
        public String code;
        public Double value;
        /** The code's UCUM unit; may be left out. */
        public String unit;
        /** ISO-8601 instant, not in the future; now when left out. */
        public String effectiveAt;
        public String encounterId;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Observation", namespace = NS)
    public static class Observation extends ObservationInput {
        public String id;
        public String mrn;
        public String recordedAt;
        public String recordedBy;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "NoteInput", namespace = NS)
    public static class NoteInput {
        // Declared rules (DeclaredConstraints, every broken field in one 400); the kind in any case.
        /** PROGRESS (default), ADMISSION, DISCHARGE, CONSULTATION, NURSING, OTHER. */
        @Pattern(regexp = "\\s*(PROGRESS|ADMISSION|DISCHARGE|CONSULTATION|NURSING|OTHER)?\\s*",
                flags = Pattern.Flag.CASE_INSENSITIVE, message = "is one of PROGRESS, ADMISSION, DISCHARGE, "
                        + "CONSULTATION, NURSING, OTHER")
        public String kind;
        @NotBlank @Size(max = 20000)
        public String text;
        public String encounterId;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ClinicalNote", namespace = NS)
    public static class Note extends NoteInput {
        public String id;
        public String mrn;
        public String author;
        public String writtenAt;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "PrescriptionInput", namespace = NS)
    public static class PrescriptionInput {
        // Declared rules (DeclaredConstraints, every broken field in one 400); the route in any case.
        @NotBlank @Size(max = 200)
        public String drug;
        /** The pharmacy catalogue's item code when prescribed from it (A-Z, 0-9, '-', '_', up to 40); else left out. */
        @Pattern(regexp = "\\s*([A-Z0-9_-]{1,40})?\\s*", message = "must be 1 to 40 of A-Z, 0-9, '-' and '_' (the "
                + "pharmacy catalogue's item code)")
        public String drugCode;
        /** With its unit, e.g. "500 mg". */
        @NotBlank @Size(max = 100)
        public String dose;
        /** ORAL, IV, IM, SC, SUBLINGUAL, TOPICAL, INHALED, RECTAL, OTHER. */
        @NotBlank
        @Pattern(regexp = "\\s*(ORAL|IV|IM|SC|SUBLINGUAL|TOPICAL|INHALED|RECTAL|OTHER)?\\s*",
                flags = Pattern.Flag.CASE_INSENSITIVE, message = "is one of ORAL, IV, IM, SC, SUBLINGUAL, TOPICAL, "
                        + "INHALED, RECTAL, OTHER")
        public String route;
        /** e.g. "twice daily", "every 8 h". */
        @NotBlank @Size(max = 100)
        public String frequency;
        @NotNull @Min(1) @Max(PrescriptionService.MAX_DURATION_DAYS)
        public Integer durationDays;
        @Size(max = 1000)
        public String instructions;
        public String encounterId;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Prescription", namespace = NS)
    public static class Prescription extends PrescriptionInput {
        public String id;
        public String mrn;
        public String status;
        public String startDate;
        /** Last day of the course (start + duration - 1). */
        public String endDate;
        public boolean current;
        public String prescriber;
        public String issuedAt;
        public String stoppedAt;
        public String stoppedBy;
        /** What the pharmacy dispensed so far, a decimal in dispensedUnit (e.g. "20" tablet); null when nothing yet. */
        public String dispensedQuantity;
        public String dispensedUnit;
        /** When the pharmacy last dispensed against it; null when it never did. */
        public String lastDispensedAt;
        /** The pharmacy said the whole prescription is dispensed. */
        public boolean fullyDispensed;
    }

    /** The doctor's one-call view of a patient. {@code labResults} is null (and shown) when no lab is available. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ClinicalRecord", namespace = NS)
    public static class Record {
        public Patient patient;
        public List<Diagnosis> activeProblems;
        public List<Allergy> allergies;
        public List<Prescription> currentMedications;
        /** The newest observation of each vital sign. */
        public List<Observation> latestVitals;
        public List<Encounter> recentEncounters;
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public List<LabResult> labResults;
        public boolean labAvailable;
    }
}
