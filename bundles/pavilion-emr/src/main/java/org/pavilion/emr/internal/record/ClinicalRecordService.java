package org.pavilion.emr.internal.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.AllergyRecorded;
import org.pavilion.emr.api.DiagnosisRecorded;
import org.pavilion.emr.api.EncounterClassChanged;
import org.pavilion.emr.api.EncounterClosed;
import org.pavilion.emr.api.EncounterMoved;
import org.pavilion.emr.api.EncounterStatusChanged;
import org.pavilion.emr.api.EncounterOpened;
import org.pavilion.emr.api.LabResultsSource;
import org.pavilion.emr.api.NoteAdded;
import org.pavilion.emr.api.ObservationRecorded;
import org.pavilion.emr.api.PatientDischarged;
import org.pavilion.emr.api.PrescriptionIssued;
import org.pavilion.emr.api.PrescriptionStopped;
import org.pavilion.emr.api.ProblemStatusChanged;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.Patient;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientPhoneEntity;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.events.api.EventPublisher;

/**
 * The clinical record, shared by the REST and SOAP faces. Every call first asks {@link ClinicalAccess} (which
 * refuses and audits callers that may not see or change the record, follows merges, and handles
 * break-the-glass), then validates, then writes in one transaction with its event, then audits the outcome.
 * Validation failures after access was granted are audited as FAILED; nothing is stored for them.
 */
@Component(service = ClinicalRecordService.class)
public class ClinicalRecordService {

    static final Set<String> ENCOUNTER_KINDS = Set.of("OUTPATIENT", "EMERGENCY", "ADMISSION", "TELECONSULTATION");
    /** Encounters whose close is the patient leaving the hospital ({@link PatientDischarged}). */
    static final Set<String> DISCHARGING_KINDS = Set.of("ADMISSION", "EMERGENCY");
    static final Set<String> PROBLEM_STATUSES = Set.of("ACTIVE", "RESOLVED");
    /** UNKNOWN: not assessed, as a feed's AL1 without (or with an unknown) AL1-4 says; the allergy still counts. */
    static final Set<String> SEVERITIES = Set.of("MILD", "MODERATE", "SEVERE", "LIFE_THREATENING", "UNKNOWN");
    static final Set<String> ALLERGY_KINDS = Set.of("ALLERGY", "INTOLERANCE");
    static final Set<String> ALLERGY_STATUSES = Set.of("ACTIVE", "INACTIVE", "RESOLVED", "ENTERED_IN_ERROR");
    static final Set<String> NOTE_KINDS = Set.of("PROGRESS", "ADMISSION", "DISCHARGE", "CONSULTATION", "NURSING", "OTHER");
    static final Set<String> ROUTES = Set.of("ORAL", "IV", "IM", "SC", "SUBLINGUAL", "TOPICAL", "INHALED", "RECTAL", "OTHER");
    static final int MAX_DURATION_DAYS = 365;
    /** Clocks of bedside devices drift; an observation this far ahead of ours still counts as "now". */
    static final long CLOCK_SKEW_MS = 60_000;
    static final int DEFAULT_RECENT_ENCOUNTERS = 5;
    static final int MAX_LIST = 200;
    static final int LAB_RESULTS_IN_VIEW = 20;

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final ClinicalAccess access;
    private final Icd10Catalogue icd10;
    private final LabLink labs = new LabLink();

    /** PatientService is referenced so its activation (which runs the EMR's migrations) comes first. */
    @Activate
    public ClinicalRecordService(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference ClinicalAccess access,
            @Reference Icd10Catalogue icd10, @Reference PatientService migratedFirst) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.access = access;
        this.icd10 = icd10;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLabResultsSource(LabResultsSource source) {
        labs.bind(source);
    }

    void unbindLabResultsSource(LabResultsSource source) {
        labs.unbind(source);
    }

    /** Work joined to a write's transaction: the entity manager, the patient's MRN, the new row's id. */
    @FunctionalInterface
    public interface TriConsumer {
        void accept(EntityManager em, String mrn, String id);
    }

    // ---- encounters ---------------------------------------------------------------------------------------

    public Clinical.Encounter openEncounter(String mrn, Clinical.EncounterInput in, String breakGlass) {
        return openEncounter(mrn, in, breakGlass, null);
    }

    /**
     * {@link #openEncounter(String, Clinical.EncounterInput, String)}, running {@code alsoInTransaction} with the
     * survivor MRN and the new encounter's id in the same transaction (an external visit number stored with it).
     */
    public Clinical.Encounter openEncounter(String mrn, Clinical.EncounterInput in, String breakGlass,
            TriConsumer alsoInTransaction) {
        return openEncounter(mrn, in, breakGlass, alsoInTransaction, false);
    }

    /**
     * As {@link #openEncounter(String, Clinical.EncounterInput, String, TriConsumer)}; {@code planned}: the encounter
     * starts PLANNED (a pre-admission, HL7 A05), to become OPEN when the patient arrives.
     */
    public Clinical.Encounter openEncounter(String mrn, Clinical.EncounterInput in, String breakGlass,
            TriConsumer alsoInTransaction, boolean planned) {
        Grant g = access.write(mrn, "encounter", breakGlass);
        return audited(g, "CREATE", e -> e.id, () -> {
            Clinical.EncounterInput i = require(in, "encounter");
            List<String> problems = new ArrayList<>();
            String kind = oneOf("kind", i.kind, ENCOUNTER_KINDS, null, problems);
            String attending = text("attending", i.attending, 64, false, problems);
            String attendingName = text("attendingName", i.attendingName, 200, false, problems);
            String admitting = text("admitting", i.admitting, 64, false, problems);
            String admittingName = text("admittingName", i.admittingName, 200, false, problems);
            String location = text("location", i.location, 100, false, problems);
            String reason = text("reason", i.reason, 500, false, problems);
            reject(problems);
            long now = System.currentTimeMillis();
            return jpa.call(em -> {
                EncounterEntity e = new EncounterEntity();
                e.setId(UUID.randomUUID().toString());
                e.setMrn(g.mrn);
                e.setKind(kind);
                e.setStatus(planned ? "PLANNED" : "OPEN");
                e.setAttending(attending == null ? PatientService.actor() : attending);
                e.setAttendingName(attendingName);
                e.setAdmitting(admitting);
                e.setAdmittingName(admittingName);
                e.setLocation(location);
                e.setReason(reason);
                e.setOpenedMs(now);
                e.setOpenedBy(PatientService.actor());
                em.persist(e);
                if (alsoInTransaction != null) {
                    em.flush(); // rows the hook adds may reference the encounter
                    alsoInTransaction.accept(em, g.mrn, e.getId());
                }
                EncounterOpened ev = new EncounterOpened();
                ev.mrn = e.getMrn();
                ev.encounterId = e.getId();
                ev.kind = kind;
                ev.attending = e.getAttending();
                ev.reason = reason;
                ev.openedAt = iso(now);
                ev.openedBy = e.getOpenedBy();
                events.publish(em, EncounterOpened.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return encounter(e);
            });
        });
    }

    /** Closes an open encounter; closing it twice (or two clinicians at once) gives one close and one 409. */
    public Clinical.Encounter closeEncounter(String mrn, String encounterId, String breakGlass) {
        return closeEncounter(mrn, encounterId, breakGlass, null);
    }

    /**
     * {@link #closeEncounter(String, String, String)} saying where the patient went ({@code disposition}, e.g. an HL7
     * PV1-36 code; null if not known): closing an ADMISSION or EMERGENCY encounter also publishes
     * {@link PatientDischarged} with it.
     */
    public Clinical.Encounter closeEncounter(String mrn, String encounterId, String breakGlass, String disposition) {
        Grant g = access.write(mrn, "encounter", breakGlass);
        return audited(g, "UPDATE", e -> e.id, () -> {
            List<String> problems = new ArrayList<>();
            String goneTo = text("disposition", disposition, 64, false, problems);
            reject(problems);
            long now = System.currentTimeMillis();
            String by = PatientService.actor();
            return jpa.call(em -> {
                // A conditional UPDATE is atomic on H2 and PostgreSQL alike: exactly one closer wins.
                int changed = em.createQuery("UPDATE EncounterEntity e SET e.status = 'CLOSED', e.closedMs = :now, "
                        + "e.closedBy = :by WHERE e.id = :id AND e.mrn = :mrn AND e.status = 'OPEN'")
                        .setParameter("now", now).setParameter("by", by).setParameter("id", encounterId)
                        .setParameter("mrn", g.mrn).executeUpdate();
                EncounterEntity e = em.find(EncounterEntity.class, encounterId);
                if (e == null || !e.getMrn().equals(g.mrn)) {
                    throw ProblemException.notFound("Encounter", encounterId);
                }
                if (changed == 0) {
                    throw ProblemException.conflict("Encounter " + encounterId + " is already closed");
                }
                em.refresh(e);
                EncounterClosed ev = new EncounterClosed();
                ev.mrn = e.getMrn();
                ev.encounterId = e.getId();
                ev.kind = e.getKind();
                ev.openedAt = iso(e.getOpenedMs());
                ev.closedAt = iso(now);
                ev.closedBy = by;
                events.publish(em, EncounterClosed.TYPE, Mrn.subjectKey(ev.mrn), ev);
                if (DISCHARGING_KINDS.contains(ev.kind)) {
                    PatientDischarged discharged = new PatientDischarged();
                    discharged.mrn = ev.mrn;
                    discharged.encounterId = ev.encounterId;
                    discharged.kind = ev.kind;
                    discharged.disposition = goneTo;
                    discharged.admittedAt = ev.openedAt;
                    discharged.dischargedAt = ev.closedAt;
                    discharged.dischargedBy = by;
                    events.publish(em, PatientDischarged.TYPE, Mrn.subjectKey(ev.mrn), discharged);
                }
                return encounter(e);
            });
        });
    }

    /**
     * Moves the patient of an open encounter to {@code location} (ward^room^bed), publishing {@link EncounterMoved}
     * with where they were. {@code back}: to where they were before the last move (a cancelled transfer), then
     * {@code location} is ignored. Already there: the encounter unchanged, no event (a repeated message).
     */
    public Clinical.Encounter moveEncounter(String mrn, String encounterId, String location, boolean back,
            String breakGlass) {
        Grant g = access.write(mrn, "encounter", breakGlass);
        return audited(g, "UPDATE", e -> e.id + " " + e.location, () -> {
            List<String> problems = new ArrayList<>();
            String to = text("location", location, 100, !back, problems);
            reject(problems);
            long now = System.currentTimeMillis();
            return jpa.call(em -> {
                EncounterEntity e = em.find(EncounterEntity.class, encounterId);
                if (e == null || !e.getMrn().equals(g.mrn)) {
                    throw ProblemException.notFound("Encounter", encounterId);
                }
                if (!"OPEN".equals(e.getStatus())) {
                    throw ProblemException.conflict("Encounter " + encounterId + " is " + e.getStatus()
                            + ": only an open encounter moves");
                }
                String target = back ? e.getPreviousLocation() : to;
                if (target == null) {
                    throw ProblemException.conflict("Encounter " + encounterId + " has no earlier location to go "
                            + "back to");
                }
                if (target.equals(e.getLocation())) {
                    return encounter(e);
                }
                String from = e.getLocation();
                e.setPreviousLocation(back ? null : from);
                e.setLocation(target);
                EncounterMoved ev = new EncounterMoved();
                ev.mrn = e.getMrn();
                ev.encounterId = e.getId();
                ev.location = target;
                ev.previousLocation = from;
                ev.movedAt = iso(now);
                ev.movedBy = PatientService.actor();
                events.publish(em, EncounterMoved.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return encounter(e);
            });
        });
    }

    /**
     * Moves an encounter from status {@code from} to {@code to}: CLOSED → OPEN reopens it (a cancelled discharge,
     * the close forgotten), OPEN → CANCELLED cancels it (kept, not deleted). Already {@code to}: unchanged, no
     * event; in any other status: 409. Publishes {@link EncounterStatusChanged}.
     */
    public Clinical.Encounter changeEncounterStatus(String mrn, String encounterId, String from, String to,
            String breakGlass) {
        Grant g = access.write(mrn, "encounter", breakGlass);
        return audited(g, "UPDATE", e -> e.id + " " + e.status, () -> {
            long now = System.currentTimeMillis();
            String by = PatientService.actor();
            return jpa.call(em -> {
                EncounterEntity e = em.find(EncounterEntity.class, encounterId);
                if (e == null || !e.getMrn().equals(g.mrn)) {
                    throw ProblemException.notFound("Encounter", encounterId);
                }
                if (to.equals(e.getStatus())) {
                    return encounter(e);
                }
                // Conditional, as the close: of two concurrent changes one wins, the other gets 409.
                int changed = em.createQuery("UPDATE EncounterEntity e SET e.status = :to, e.closedMs = :closed, "
                        + "e.closedBy = :by WHERE e.id = :id AND e.status = :from").setParameter("to", to)
                        .setParameter("closed", "OPEN".equals(to) ? null : (Object) now)
                        .setParameter("by", "OPEN".equals(to) ? null : by).setParameter("id", encounterId)
                        .setParameter("from", from).executeUpdate();
                if (changed == 0) {
                    throw ProblemException.conflict("Encounter " + encounterId + " is " + e.getStatus() + ", not "
                            + from);
                }
                em.refresh(e);
                EncounterStatusChanged ev = new EncounterStatusChanged();
                ev.mrn = e.getMrn();
                ev.encounterId = e.getId();
                ev.kind = e.getKind();
                ev.status = to;
                ev.previousStatus = from;
                ev.changedAt = iso(now);
                ev.changedBy = by;
                events.publish(em, EncounterStatusChanged.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return encounter(e);
            });
        });
    }

    /**
     * Changes the class ({@code kind}) of an open or planned encounter: an outpatient admitted as an inpatient (HL7
     * A06) or back (A07). Already of that kind: unchanged, no event. Publishes {@link EncounterClassChanged}.
     */
    public Clinical.Encounter changeEncounterClass(String mrn, String encounterId, String kind, String breakGlass) {
        Grant g = access.write(mrn, "encounter", breakGlass);
        return audited(g, "UPDATE", e -> e.id + " " + e.kind, () -> {
            List<String> problems = new ArrayList<>();
            String to = oneOf("kind", kind, ENCOUNTER_KINDS, null, problems);
            reject(problems);
            long now = System.currentTimeMillis();
            String by = PatientService.actor();
            return jpa.call(em -> {
                EncounterEntity e = em.find(EncounterEntity.class, encounterId);
                if (e == null || !e.getMrn().equals(g.mrn)) {
                    throw ProblemException.notFound("Encounter", encounterId);
                }
                if (to.equals(e.getKind())) {
                    return encounter(e);
                }
                if (!"OPEN".equals(e.getStatus()) && !"PLANNED".equals(e.getStatus())) {
                    throw ProblemException.conflict("Encounter " + encounterId + " is " + e.getStatus()
                            + ": only an open or planned encounter changes class");
                }
                EncounterClassChanged ev = new EncounterClassChanged();
                ev.previousKind = e.getKind();
                e.setKind(to);
                ev.mrn = e.getMrn();
                ev.encounterId = e.getId();
                ev.kind = to;
                ev.status = e.getStatus();
                ev.changedAt = iso(now);
                ev.changedBy = by;
                events.publish(em, EncounterClassChanged.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return encounter(e);
            });
        });
    }

    public List<Clinical.Encounter> encounters(String mrn, int max, String breakGlass) {
        Grant g = access.read(mrn, "encounter", breakGlass);
        int limit = limit(max);
        return auditedList(g, "encounter", () -> jpa.call(em -> em.createQuery(
                "SELECT e FROM EncounterEntity e WHERE e.mrn = :mrn ORDER BY e.openedMs DESC, e.id", EncounterEntity.class)
                .setParameter("mrn", g.mrn).setMaxResults(limit).getResultList().stream()
                .map(ClinicalRecordService::encounter).toList()));
    }

    // ---- diagnoses / problem list ---------------------------------------------------------------------------

    public Clinical.Diagnosis recordDiagnosis(String mrn, Clinical.DiagnosisInput in, String breakGlass) {
        Grant g = access.write(mrn, "diagnosis", breakGlass);
        return audited(g, "CREATE", d -> d.id + " " + d.code, () -> {
            Clinical.DiagnosisInput i = require(in, "diagnosis");
            List<String> problems = new ArrayList<>();
            Icd10CodeList codes = icd10.codes();
            String normalised = Icd10CodeList.normalise(i.code);
            String title = null;
            if (i.code == null || i.code.isBlank()) {
                problems.add("code is required (an ICD-10 code such as E11.9)");
            } else if (normalised == null) {
                problems.add("code '" + i.code.strip() + "' is not an ICD-10 code (a letter, two digits, then up to "
                        + "four more characters, e.g. E11.9)");
            } else if ((title = codes.title(normalised)) == null) {
                problems.add("Unknown ICD-10 code '" + i.code.strip() + "': it is not in the " + icd10.codeSystem()
                        + " code list in use (" + codes.source() + ")");
            }
            String status = oneOf("status", i.status, PROBLEM_STATUSES, "ACTIVE", problems);
            String onset = pastDate("onsetDate", i.onsetDate, problems);
            String note = text("note", i.note, 1000, false, problems);
            reject(problems);
            String code = Icd10CodeList.dotted(normalised);
            String codeTitle = title;
            long now = System.currentTimeMillis();
            return jpa.call(em -> {
                String encounterId = openEncounterOf(em, g.mrn, i.encounterId);
                DiagnosisEntity d = new DiagnosisEntity();
                d.setId(UUID.randomUUID().toString());
                d.setMrn(g.mrn);
                d.setEncounterId(encounterId);
                d.setCode(code);
                d.setCodeSystem(icd10.codeSystem());
                d.setTitle(codeTitle.length() > 300 ? codeTitle.substring(0, 300) : codeTitle);
                d.setStatus(status);
                d.setOnsetDate(onset);
                d.setNote(note);
                d.setRecordedMs(now);
                d.setRecordedBy(PatientService.actor());
                d.setUpdatedMs(now);
                d.setUpdatedBy(PatientService.actor());
                em.persist(d);
                DiagnosisRecorded ev = new DiagnosisRecorded();
                ev.mrn = d.getMrn();
                ev.diagnosisId = d.getId();
                ev.encounterId = encounterId;
                ev.code = code;
                ev.codeSystem = d.getCodeSystem();
                ev.title = d.getTitle();
                ev.status = status;
                ev.onsetDate = onset;
                ev.recordedAt = iso(now);
                ev.recordedBy = d.getRecordedBy();
                events.publish(em, DiagnosisRecorded.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return diagnosis(d);
            });
        });
    }

    /** Marks a problem ACTIVE or RESOLVED. */
    public Clinical.Diagnosis changeProblemStatus(String mrn, String diagnosisId, Clinical.StatusChange in,
            String breakGlass) {
        Grant g = access.write(mrn, "diagnosis", breakGlass);
        return audited(g, "UPDATE", d -> d.id + " " + d.status, () -> {
            List<String> problems = new ArrayList<>();
            String status = oneOf("status", in == null ? null : in.status, PROBLEM_STATUSES, null, problems);
            reject(problems);
            long now = System.currentTimeMillis();
            return jpa.call(em -> {
                int n = em.createQuery("UPDATE DiagnosisEntity d SET d.status = :s, d.updatedMs = :now, d.updatedBy = :by "
                        + "WHERE d.id = :id AND d.mrn = :mrn").setParameter("s", status).setParameter("now", now)
                        .setParameter("by", PatientService.actor()).setParameter("id", diagnosisId).setParameter("mrn", g.mrn)
                        .executeUpdate();
                if (n == 0) {
                    throw ProblemException.notFound("Diagnosis", diagnosisId);
                }
                DiagnosisEntity d = em.find(DiagnosisEntity.class, diagnosisId);
                ProblemStatusChanged ev = new ProblemStatusChanged();
                ev.mrn = d.getMrn();
                ev.diagnosisId = d.getId();
                ev.code = d.getCode();
                ev.codeSystem = d.getCodeSystem();
                ev.status = status;
                ev.changedAt = iso(now);
                ev.changedBy = PatientService.actor();
                events.publish(em, ProblemStatusChanged.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return diagnosis(d);
            });
        });
    }

    /** The problem list; {@code status} ACTIVE or RESOLVED filters it, null gives all. */
    public List<Clinical.Diagnosis> problems(String mrn, String status, String breakGlass) {
        Grant g = access.read(mrn, "diagnosis", breakGlass);
        List<String> problems = new ArrayList<>();
        String s = status == null || status.isBlank() ? null : oneOf("status", status, PROBLEM_STATUSES, null, problems);
        reject(problems);
        return auditedList(g, "diagnosis", () -> jpa.call(em -> problems(em, g.mrn, s)));
    }

    // ---- allergies --------------------------------------------------------------------------------------------

    public Clinical.Allergy recordAllergy(String mrn, Clinical.AllergyInput in, String breakGlass) {
        Grant g = access.write(mrn, "allergy", breakGlass);
        return audited(g, "CREATE", a -> a.id, () -> {
            Clinical.AllergyInput i = require(in, "allergy");
            List<String> problems = new ArrayList<>();
            String substance = text("substance", i.substance, 200, true, problems);
            String reaction = text("reaction", i.reaction, 500, false, problems);
            String severity = oneOf("severity", i.severity, SEVERITIES, null, problems);
            String kind = oneOf("kind", i.kind, ALLERGY_KINDS, "ALLERGY", problems);
            String status = oneOf("status", i.status, ALLERGY_STATUSES, "ACTIVE", problems);
            String code = text("code", i.code, 64, false, problems);
            String codeSystem = text("codeSystem", i.codeSystem, 32, false, problems);
            if ((code == null) != (codeSystem == null)) {
                problems.add("code and codeSystem go together: give both or neither");
            }
            reject(problems);
            long now = System.currentTimeMillis();
            return jpa.call(em -> {
                AllergyEntity a = new AllergyEntity();
                a.setCode(code);
                a.setCodeSystem(codeSystem);
                a.setId(UUID.randomUUID().toString());
                a.setMrn(g.mrn);
                a.setSubstance(substance);
                a.setReaction(reaction);
                a.setSeverity(severity);
                a.setKind(kind);
                a.setStatus(status);
                a.setRecordedMs(now);
                a.setRecordedBy(PatientService.actor());
                em.persist(a);
                AllergyRecorded ev = new AllergyRecorded();
                ev.mrn = a.getMrn();
                ev.allergyId = a.getId();
                ev.substance = substance;
                ev.code = code;
                ev.codeSystem = codeSystem;
                ev.reaction = reaction;
                ev.severity = severity;
                ev.kind = kind;
                ev.status = status;
                ev.recordedAt = iso(now);
                ev.recordedBy = a.getRecordedBy();
                events.publish(em, AllergyRecorded.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return allergy(a);
            });
        });
    }

    public List<Clinical.Allergy> allergies(String mrn, String breakGlass) {
        Grant g = access.read(mrn, "allergy", breakGlass);
        return auditedList(g, "allergy", () -> jpa.call(em -> allergies(em, g.mrn, false)));
    }

    // ---- observations -----------------------------------------------------------------------------------------

    public Clinical.Observation recordObservation(String mrn, Clinical.ObservationInput in, String breakGlass) {
        Grant g = access.write(mrn, "observation", breakGlass);
        return audited(g, "CREATE", o -> o.id + " " + o.code, () -> {
            Clinical.ObservationInput i = require(in, "observation");
            List<String> problems = new ArrayList<>();
            VitalSign vital = VitalSign.byCode(i.code);
            long now = System.currentTimeMillis();
            long effective = now;
            if (vital == null) {
                problems.add("code must be one of " + VitalSign.vocabulary() + ", was '" + i.code + "'");
            } else if (i.value == null) {
                problems.add("value is required");
            } else {
                String why = vital.implausible(i.value, i.unit);
                if (why != null) {
                    problems.add(why);
                }
            }
            if (i.effectiveAt != null && !i.effectiveAt.isBlank()) {
                try {
                    effective = Instant.parse(i.effectiveAt.strip()).toEpochMilli();
                    if (effective > now + CLOCK_SKEW_MS) {
                        problems.add("effectiveAt " + i.effectiveAt.strip() + " is in the future");
                    }
                } catch (DateTimeParseException e) {
                    problems.add("effectiveAt must be an ISO-8601 instant such as 2024-05-01T08:30:00Z, was '"
                            + i.effectiveAt + "'");
                }
            }
            reject(problems);
            long effectiveMs = Math.min(effective, now);
            return jpa.call(em -> {
                ObservationEntity o = new ObservationEntity();
                o.setId(UUID.randomUUID().toString());
                o.setMrn(g.mrn);
                o.setEncounterId(openEncounterOf(em, g.mrn, i.encounterId));
                o.setCode(vital.code);
                o.setValueNum(i.value);
                o.setUnitCode(vital.unit);
                o.setEffectiveMs(effectiveMs);
                o.setRecordedMs(now);
                o.setRecordedBy(PatientService.actor());
                em.persist(o);
                ObservationRecorded ev = new ObservationRecorded();
                ev.mrn = o.getMrn();
                ev.observationId = o.getId();
                ev.encounterId = o.getEncounterId();
                ev.code = o.getCode();
                ev.value = o.getValueNum();
                ev.unit = o.getUnitCode();
                ev.effectiveAt = iso(effectiveMs);
                ev.recordedAt = iso(now);
                ev.recordedBy = o.getRecordedBy();
                events.publish(em, ObservationRecorded.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return observation(o);
            });
        });
    }

    /** Observations newest first, optionally of one code. */
    public List<Clinical.Observation> observations(String mrn, String code, int max, String breakGlass) {
        Grant g = access.read(mrn, "observation", breakGlass);
        int limit = limit(max);
        VitalSign vital = code == null || code.isBlank() ? null : VitalSign.byCode(code);
        if (code != null && !code.isBlank() && vital == null) {
            throw ProblemException.validation("code must be one of " + VitalSign.codes() + ", was '" + code + "'");
        }
        return auditedList(g, "observation", () -> jpa.call(em -> {
            TypedQuery<ObservationEntity> q = em.createQuery("SELECT o FROM ObservationEntity o WHERE o.mrn = :mrn"
                    + (vital == null ? "" : " AND o.code = :code") + " ORDER BY o.effectiveMs DESC, o.id",
                    ObservationEntity.class).setParameter("mrn", g.mrn).setMaxResults(limit);
            if (vital != null) {
                q.setParameter("code", vital.code);
            }
            return q.getResultList().stream().map(ClinicalRecordService::observation).toList();
        }));
    }

    // ---- notes ------------------------------------------------------------------------------------------------

    public Clinical.Note writeNote(String mrn, Clinical.NoteInput in, String breakGlass) {
        Grant g = access.write(mrn, "clinical-note", breakGlass);
        return audited(g, "CREATE", n -> n.id, () -> {
            Clinical.NoteInput i = require(in, "note");
            List<String> problems = new ArrayList<>();
            String kind = oneOf("kind", i.kind, NOTE_KINDS, "PROGRESS", problems);
            String text = text("text", i.text, 20000, true, problems);
            reject(problems);
            long now = System.currentTimeMillis();
            return jpa.call(em -> {
                ClinicalNoteEntity n = new ClinicalNoteEntity();
                n.setId(UUID.randomUUID().toString());
                n.setMrn(g.mrn);
                n.setEncounterId(openEncounterOf(em, g.mrn, i.encounterId));
                n.setKind(kind);
                n.setNoteText(text);
                n.setAuthor(PatientService.actor());
                n.setWrittenMs(now);
                em.persist(n);
                NoteAdded ev = new NoteAdded();
                ev.mrn = n.getMrn();
                ev.noteId = n.getId();
                ev.encounterId = n.getEncounterId();
                ev.kind = kind;
                ev.author = n.getAuthor();
                ev.writtenAt = iso(now);
                events.publish(em, NoteAdded.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return note(n);
            });
        });
    }

    public List<Clinical.Note> notes(String mrn, int max, String breakGlass) {
        Grant g = access.read(mrn, "clinical-note", breakGlass);
        int limit = limit(max);
        return auditedList(g, "clinical-note", () -> jpa.call(em -> em.createQuery(
                "SELECT n FROM ClinicalNoteEntity n WHERE n.mrn = :mrn ORDER BY n.writtenMs DESC, n.id",
                ClinicalNoteEntity.class).setParameter("mrn", g.mrn).setMaxResults(limit).getResultList().stream()
                .map(ClinicalRecordService::note).toList()));
    }

    // ---- prescriptions ----------------------------------------------------------------------------------------

    public Clinical.Prescription prescribe(String mrn, Clinical.PrescriptionInput in, String breakGlass) {
        Grant g = access.write(mrn, "prescription", breakGlass);
        return audited(g, "CREATE", p -> p.id + " " + p.drug, () -> {
            Clinical.PrescriptionInput i = require(in, "prescription");
            List<String> problems = new ArrayList<>();
            String drug = text("drug", i.drug, 200, true, problems);
            String dose = text("dose", i.dose, 100, true, problems);
            String route = oneOf("route", i.route, ROUTES, null, problems);
            String frequency = text("frequency", i.frequency, 100, true, problems);
            String instructions = text("instructions", i.instructions, 1000, false, problems);
            if (i.durationDays == null || i.durationDays < 1 || i.durationDays > MAX_DURATION_DAYS) {
                problems.add("durationDays must be between 1 and " + MAX_DURATION_DAYS + ", was " + i.durationDays);
            }
            reject(problems);
            long now = System.currentTimeMillis();
            LocalDate today = LocalDate.now(zone());
            return jpa.call(em -> {
                String encounterId = openEncounterOf(em, g.mrn, i.encounterId);
                PrescriptionEntity p = new PrescriptionEntity();
                p.setId(UUID.randomUUID().toString());
                p.setMrn(g.mrn);
                p.setEncounterId(encounterId);
                p.setDrug(drug);
                p.setDose(dose);
                p.setRoute(route);
                p.setFrequency(frequency);
                p.setDurationDays(i.durationDays);
                p.setInstructions(instructions);
                p.setStatus("ACTIVE");
                p.setStartDate(today.toString());
                p.setIssuedMs(now);
                p.setPrescriber(PatientService.actor());
                em.persist(p);
                PrescriptionIssued ev = new PrescriptionIssued();
                ev.mrn = p.getMrn();
                ev.prescriptionId = p.getId();
                ev.encounterId = encounterId;
                ev.drug = drug;
                ev.dose = dose;
                ev.route = route;
                ev.frequency = frequency;
                ev.durationDays = i.durationDays;
                ev.instructions = instructions;
                ev.prescriber = p.getPrescriber();
                ev.startDate = p.getStartDate();
                ev.issuedAt = iso(now);
                events.publish(em, PrescriptionIssued.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return prescription(p, today);
            });
        });
    }

    public Clinical.Prescription stopPrescription(String mrn, String prescriptionId, String breakGlass) {
        Grant g = access.write(mrn, "prescription", breakGlass);
        return audited(g, "UPDATE", p -> p.id + " STOPPED", () -> {
            long now = System.currentTimeMillis();
            return jpa.call(em -> {
                int n = em.createQuery("UPDATE PrescriptionEntity p SET p.status = 'STOPPED', p.stoppedMs = :now, "
                        + "p.stoppedBy = :by WHERE p.id = :id AND p.mrn = :mrn AND p.status = 'ACTIVE'")
                        .setParameter("now", now).setParameter("by", PatientService.actor()).setParameter("id", prescriptionId)
                        .setParameter("mrn", g.mrn).executeUpdate();
                PrescriptionEntity p = em.find(PrescriptionEntity.class, prescriptionId);
                if (p == null || !p.getMrn().equals(g.mrn)) {
                    throw ProblemException.notFound("Prescription", prescriptionId);
                }
                if (n == 0) {
                    throw ProblemException.conflict("Prescription " + prescriptionId + " is already stopped");
                }
                em.refresh(p);
                PrescriptionStopped ev = new PrescriptionStopped();
                ev.mrn = p.getMrn();
                ev.prescriptionId = p.getId();
                ev.drug = p.getDrug();
                ev.stoppedAt = iso(now);
                ev.stoppedBy = PatientService.actor();
                events.publish(em, PrescriptionStopped.TYPE, Mrn.subjectKey(ev.mrn), ev);
                return prescription(p, LocalDate.now(zone()));
            });
        });
    }

    /** All prescriptions newest first, or with {@code currentOnly} the current medications. */
    public List<Clinical.Prescription> prescriptions(String mrn, boolean currentOnly, String breakGlass) {
        Grant g = access.read(mrn, "prescription", breakGlass);
        return auditedList(g, "prescription", () -> jpa.call(em -> prescriptions(em, g.mrn, currentOnly)));
    }

    // ---- record view and restriction -------------------------------------------------------------------------

    /** The doctor's one-call view: demographics, active problems, allergies, current medications, vitals, labs. */
    public Clinical.Record record(String mrn, int recentEncounters, String breakGlass) {
        Grant g = access.read(mrn, "clinical-record", breakGlass);
        int encounters = recentEncounters < 1 || recentEncounters > 50 ? -1 : recentEncounters;
        if (encounters < 0) {
            throw failed(g, "READ", ProblemException.validation("encounters must be between 1 and 50, was " + recentEncounters));
        }
        Clinical.Record r = jpa.call(em -> {
            Clinical.Record v = new Clinical.Record();
            PatientEntity p = em.find(PatientEntity.class, g.mrn);
            List<String> phones = em.createQuery("SELECT ph FROM PatientPhoneEntity ph WHERE ph.mrn = :mrn ORDER BY ph.seqNo",
                    PatientPhoneEntity.class).setParameter("mrn", g.mrn).getResultList().stream()
                    .map(PatientPhoneEntity::getPhone).toList();
            v.patient = Patient.of(p, phones);
            v.activeProblems = problems(em, g.mrn, "ACTIVE");
            v.allergies = allergies(em, g.mrn, true);
            v.currentMedications = prescriptions(em, g.mrn, true);
            v.latestVitals = latestVitals(em, g.mrn);
            v.recentEncounters = em.createQuery("SELECT e FROM EncounterEntity e WHERE e.mrn = :mrn "
                    + "ORDER BY e.openedMs DESC, e.id", EncounterEntity.class).setParameter("mrn", g.mrn)
                    .setMaxResults(encounters).getResultList().stream().map(ClinicalRecordService::encounter).toList();
            return v;
        });
        r.labResults = labs.recent(g.mrn, LAB_RESULTS_IN_VIEW);
        r.labAvailable = r.labResults != null;
        audit.record(g.audit("READ").resourceId(g.mrn).build());
        return r;
    }

    /**
     * Marks a record restricted (VIP, staff, sensitive) or not. Not a clinical write: ADMIN and DOCTOR may, and a
     * doctor does not need to break the glass for it. Audited as UPDATE patient-restriction.
     */
    public boolean restrict(String mrn, Boolean restricted) {
        if (!Mrn.isValid(mrn)) {
            throw ProblemException.validation("'" + mrn + "' is not a valid MRN: check for a typing error");
        }
        if (restricted == null) {
            throw ProblemException.validation("restricted (true or false) is required");
        }
        boolean found = jpa.call(em -> {
            PatientEntity p = em.find(PatientEntity.class, mrn);
            if (p == null) {
                return false;
            }
            p.setRestricted(restricted);
            return true;
        });
        AuditEvent.Builder b = AuditEvent.of("UPDATE", "patient-restriction").resourceId(mrn).patientId(mrn);
        if (!found) {
            audit.record(b.outcome(AuditOutcome.FAILED).detail("no such patient").build());
            throw ProblemException.notFound("Patient", mrn);
        }
        audit.record(b.detail("restricted=" + restricted).build());
        return restricted;
    }

    // ---- queries shared by the lists and the record view ----------------------------------------------------

    private static List<Clinical.Diagnosis> problems(EntityManager em, String mrn, String status) {
        TypedQuery<DiagnosisEntity> q = em.createQuery("SELECT d FROM DiagnosisEntity d WHERE d.mrn = :mrn"
                + (status == null ? "" : " AND d.status = :status") + " ORDER BY d.recordedMs DESC, d.id",
                DiagnosisEntity.class).setParameter("mrn", mrn).setMaxResults(MAX_LIST);
        if (status != null) {
            q.setParameter("status", status);
        }
        return q.getResultList().stream().map(ClinicalRecordService::diagnosis).toList();
    }

    private static List<Clinical.Allergy> allergies(EntityManager em, String mrn, boolean activeOnly) {
        return em.createQuery("SELECT a FROM AllergyEntity a WHERE a.mrn = :mrn"
                + (activeOnly ? " AND a.status = 'ACTIVE'" : "") + " ORDER BY a.recordedMs DESC, a.id", AllergyEntity.class)
                .setParameter("mrn", mrn).setMaxResults(MAX_LIST).getResultList().stream()
                .map(ClinicalRecordService::allergy).toList();
    }

    private static List<Clinical.Prescription> prescriptions(EntityManager em, String mrn, boolean currentOnly) {
        LocalDate today = LocalDate.now(zone());
        List<Clinical.Prescription> out = new ArrayList<>();
        // Only ACTIVE rows can be current; the date rule is applied in Java (Medications) so it is one rule.
        for (PrescriptionEntity p : em.createQuery("SELECT p FROM PrescriptionEntity p WHERE p.mrn = :mrn"
                + (currentOnly ? " AND p.status = 'ACTIVE'" : "") + " ORDER BY p.issuedMs DESC, p.id",
                PrescriptionEntity.class).setParameter("mrn", mrn).setMaxResults(currentOnly ? 1000 : MAX_LIST)
                .getResultList()) {
            Clinical.Prescription dto = prescription(p, today);
            if (!currentOnly || dto.current) {
                out.add(dto);
            }
        }
        return out;
    }

    private static List<Clinical.Observation> latestVitals(EntityManager em, String mrn) {
        List<Clinical.Observation> out = new ArrayList<>();
        for (VitalSign v : VitalSign.values()) {
            em.createQuery("SELECT o FROM ObservationEntity o WHERE o.mrn = :mrn AND o.code = :code "
                    + "ORDER BY o.effectiveMs DESC, o.recordedMs DESC", ObservationEntity.class)
                    .setParameter("mrn", mrn).setParameter("code", v.code).setMaxResults(1).getResultList()
                    .forEach(o -> out.add(observation(o)));
        }
        return out;
    }

    /**
     * The encounter an entry belongs to: null when none was named; it must be one of this patient's and still
     * open (entries are not added to a closed encounter; a late entry is made without one).
     */
    private static String openEncounterOf(EntityManager em, String mrn, String encounterId) {
        if (encounterId == null || encounterId.isBlank()) {
            return null;
        }
        EncounterEntity e = em.find(EncounterEntity.class, encounterId.strip());
        if (e == null || !e.getMrn().equals(mrn)) {
            throw ProblemException.validation("encounterId " + encounterId.strip() + " is not an encounter of this patient");
        }
        if (!"OPEN".equals(e.getStatus()) && !"PLANNED".equals(e.getStatus())) { // a pre-admission's diagnoses too
            throw ProblemException.conflict("Encounter " + e.getId() + " is closed; record the entry without it");
        }
        return e.getId();
    }

    // ---- audit helpers -----------------------------------------------------------------------------------------

    private <T> T audited(Grant g, String action, Function<T, String> id, java.util.function.Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (ProblemException e) {
            throw failed(g, action, e);
        }
        String detail = id.apply(result);
        int space = detail.indexOf(' ');
        AuditEvent.Builder b = g.audit(action).resourceId(space < 0 ? detail : detail.substring(0, space));
        if (space >= 0 && !g.emergency) {
            b.detail(detail.substring(space + 1));
        }
        audit.record(b.build());
        return result;
    }

    private <T> List<T> auditedList(Grant g, String resource, java.util.function.Supplier<List<T>> work) {
        List<T> result = work.get();
        AuditEvent.Builder b = g.audit("READ").resourceId(g.mrn);
        if (!g.emergency) {
            b.detail(result.size() + " " + resource + " entries");
        }
        audit.record(b.build());
        return result;
    }

    private ProblemException failed(Grant g, String action, ProblemException e) {
        AuditEvent.Builder b = g.audit(action).outcome(AuditOutcome.FAILED);
        String why = e.status() + " " + e.getMessage();
        audit.record((g.emergency ? b.detail("break-the-glass: " + g.breakGlassReason + "; " + why) : b.detail(why))
                .build());
        return e;
    }

    // ---- validation helpers ------------------------------------------------------------------------------------

    private static <T> T require(T body, String what) {
        if (body == null) {
            throw ProblemException.validation("A " + what + " body is required");
        }
        return body;
    }

    private static void reject(List<String> problems) {
        if (!problems.isEmpty()) {
            throw ProblemException.validation(String.join("; ", problems));
        }
    }

    static String oneOf(String field, String value, Set<String> allowed, String dflt, List<String> problems) {
        if (value == null || value.isBlank()) {
            if (dflt == null) {
                problems.add(field + " is required: one of " + new java.util.TreeSet<>(allowed));
            }
            return dflt;
        }
        String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (!allowed.contains(v)) {
            problems.add(field + " must be one of " + new java.util.TreeSet<>(allowed) + ", was '" + value + "'");
            return null;
        }
        return v;
    }

    static String text(String field, String value, int max, boolean required, List<String> problems) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null && required) {
            problems.add(field + " is required");
        } else if (v != null && v.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        }
        return v;
    }

    private static String pastDate(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value.strip());
            if (d.isAfter(LocalDate.now(zone()))) {
                problems.add(field + " " + d + " is in the future");
            }
            return d.toString();
        } catch (DateTimeParseException e) {
            problems.add(field + " must be a date as yyyy-MM-dd, was '" + value + "'");
            return null;
        }
    }

    private static int limit(int max) {
        if (max < 1 || max > MAX_LIST) {
            throw ProblemException.validation("size must be between 1 and " + MAX_LIST + ", was " + max);
        }
        return max;
    }

    /** The hospital's own day decides "today" for courses of medication: the container's time zone. */
    private static ZoneId zone() {
        return ZoneId.systemDefault();
    }

    private static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    // ---- mapping -----------------------------------------------------------------------------------------------

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

    static Clinical.Prescription prescription(PrescriptionEntity e, LocalDate today) {
        Clinical.Prescription d = new Clinical.Prescription();
        d.id = e.getId();
        d.mrn = e.getMrn();
        d.encounterId = e.getEncounterId();
        d.drug = e.getDrug();
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
        return d;
    }
}
