package org.pavilion.emr.internal.record;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The one mapping from the record's entities to what REST (JSON) and SOAP (JAXB) both return ({@link Clinical}):
 * every service of the record maps through here, so the two faces cannot drift apart. Instants go out as
 * ISO-8601 strings.
 */
final class RecordMapper {

    private RecordMapper() {
    }

    static Clinical.Encounter encounter(EncounterEntity e) {
        Clinical.Encounter d = new Clinical.Encounter();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.kind = e.getKind();
        d.status = e.getStatus();
        d.attending = e.getAttending();
        d.attendingName = e.getAttendingName();
        d.admitting = e.getAdmitting();
        d.admittingName = e.getAdmittingName();
        d.location = e.getLocation();
        d.reason = e.getReason();
        d.openedAt = iso(e.getOpenedMs());
        d.openedBy = e.getOpenedBy();
        d.closedAt = iso(e.getClosedMs());
        d.closedBy = e.getClosedBy();
        return d;
    }

    static Clinical.Diagnosis diagnosis(DiagnosisEntity e) {
        Clinical.Diagnosis d = new Clinical.Diagnosis();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.encounterId = e.getEncounterId();
        d.code = e.getCode();
        d.codeSystem = e.getCodeSystem();
        d.title = e.getTitle();
        d.status = e.getStatus();
        d.onsetDate = e.getOnsetDate();
        d.note = e.getNote();
        d.recordedAt = iso(e.getRecordedMs());
        d.recordedBy = e.getRecordedBy();
        d.updatedAt = iso(e.getUpdatedMs());
        d.updatedBy = e.getUpdatedBy();
        return d;
    }

    static Clinical.Allergy allergy(AllergyEntity e) {
        Clinical.Allergy d = new Clinical.Allergy();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.substance = e.getSubstance();
        d.code = e.getCode();
        d.codeSystem = e.getCodeSystem();
        d.reaction = e.getReaction();
        d.severity = e.getSeverity();
        d.kind = e.getKind();
        d.status = e.getStatus();
        d.recordedAt = iso(e.getRecordedMs());
        d.recordedBy = e.getRecordedBy();
        return d;
    }

    static Clinical.Observation observation(ObservationEntity e) {
        Clinical.Observation d = new Clinical.Observation();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.encounterId = e.getEncounterId();
        d.code = e.getCode();
        d.value = e.getValueNum();
        d.unit = e.getUnitCode();
        d.effectiveAt = iso(e.getEffectiveMs());
        d.recordedAt = iso(e.getRecordedMs());
        d.recordedBy = e.getRecordedBy();
        return d;
    }

    static Clinical.Note note(ClinicalNoteEntity e) {
        Clinical.Note d = new Clinical.Note();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.encounterId = e.getEncounterId();
        d.kind = e.getKind();
        d.text = e.getNoteText();
        d.author = e.getAuthor();
        d.writtenAt = iso(e.getWrittenMs());
        return d;
    }

    /** {@code today} decides whether the course is {@code current} (see {@link Medications}). */
    static Clinical.Prescription prescription(PrescriptionEntity e, LocalDate today) {
        Clinical.Prescription d = new Clinical.Prescription();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.encounterId = e.getEncounterId();
        d.drug = e.getDrug();
        d.drugCode = e.getDrugCode();
        d.dose = e.getDose();
        d.route = e.getRoute();
        d.frequency = e.getFrequency();
        d.durationDays = e.getDurationDays();
        d.instructions = e.getInstructions();
        d.status = e.getStatus();
        d.startDate = e.getStartDate();
        LocalDate start = LocalDate.parse(e.getStartDate());
        d.endDate = start.plusDays(Math.max(1, e.getDurationDays()) - 1L).toString();
        d.current = Medications.isCurrent(e.getStatus(), start, e.getDurationDays(), today);
        d.prescriber = e.getPrescriber();
        d.issuedAt = iso(e.getIssuedMs());
        d.stoppedAt = iso(e.getStoppedMs());
        d.stoppedBy = e.getStoppedBy();
        d.dispensedQuantity = e.getDispensedQuantity() == null ? null
                : e.getDispensedQuantity().stripTrailingZeros().toPlainString();
        d.dispensedUnit = e.getDispensedUnit();
        d.lastDispensedAt = iso(e.getLastDispensedMs());
        d.fullyDispensed = e.isFullyDispensed();
        return d;
    }

    static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
