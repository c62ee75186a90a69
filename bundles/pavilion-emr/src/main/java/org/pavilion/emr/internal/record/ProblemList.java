package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.MAX_LIST;
import static org.pavilion.emr.internal.record.EntryChecks.oneOf;
import static org.pavilion.emr.internal.record.EntryChecks.pastDate;
import static org.pavilion.emr.internal.record.EntryChecks.reject;
import static org.pavilion.emr.internal.record.EntryChecks.require;
import static org.pavilion.emr.internal.record.EntryChecks.text;
import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.DiagnosisRecorded;
import org.pavilion.emr.api.ProblemStatusChanged;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/** A patient's problem list: ICD-10 diagnoses from the code list in use, ACTIVE or RESOLVED. */
@Component(service = ProblemList.class)
public class ProblemList {

    static final Set<String> PROBLEM_STATUSES = Set.of("ACTIVE", "RESOLVED");

    private final RecordWork work;
    private final Icd10Catalogue icd10;

    @Activate
    public ProblemList(@Reference RecordWork work, @Reference Icd10Catalogue icd10) {
        this.work = work;
        this.icd10 = icd10;
    }

    public Clinical.Diagnosis recordDiagnosis(String mrn, Clinical.DiagnosisInput in, String breakGlass) {
        Grant g = work.write(mrn, "diagnosis", breakGlass);
        return work.audited(g, "CREATE", d -> d.id + " " + d.code, () -> {
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
            return em -> {
                String encounterId = EncounterService.openEncounterOf(em, g.mrn, i.encounterId);
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
                work.publish(em, DiagnosisRecorded.TYPE, ev.mrn, ev);
                return RecordMapper.diagnosis(d);
            };
        });
    }

    /** Marks a problem ACTIVE or RESOLVED. */
    public Clinical.Diagnosis changeProblemStatus(String mrn, String diagnosisId, Clinical.StatusChange in,
            String breakGlass) {
        Grant g = work.write(mrn, "diagnosis", breakGlass);
        return work.audited(g, "UPDATE", d -> d.id + " " + d.status, () -> {
            List<String> problems = new ArrayList<>();
            String status = oneOf("status", in == null ? null : in.status, PROBLEM_STATUSES, null, problems);
            reject(problems);
            long now = System.currentTimeMillis();
            return em -> {
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
                work.publish(em, ProblemStatusChanged.TYPE, ev.mrn, ev);
                return RecordMapper.diagnosis(d);
            };
        });
    }

    /** The problem list; {@code status} ACTIVE or RESOLVED filters it, null gives all. */
    public List<Clinical.Diagnosis> problems(String mrn, String status, String breakGlass) {
        Grant g = work.read(mrn, "diagnosis", breakGlass);
        List<String> problems = new ArrayList<>();
        String s = status == null || status.isBlank() ? null : oneOf("status", status, PROBLEM_STATUSES, null, problems);
        reject(problems);
        return work.auditedList(g, "diagnosis", () -> work.inTransaction(em -> problems(em, g.mrn, s)));
    }

    /** The patient's problems of {@code status} (null: all), newest first; shared with the record view. */
    static List<Clinical.Diagnosis> problems(EntityManager em, String mrn, String status) {
        TypedQuery<DiagnosisEntity> q = em.createQuery("SELECT d FROM DiagnosisEntity d WHERE d.mrn = :mrn"
                + (status == null ? "" : " AND d.status = :status") + " ORDER BY d.recordedMs DESC, d.id",
                DiagnosisEntity.class).setParameter("mrn", mrn).setMaxResults(MAX_LIST);
        if (status != null) {
            q.setParameter("status", status);
        }
        return q.getResultList().stream().map(RecordMapper::diagnosis).toList();
    }
}
