package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.MAX_LIST;
import static org.pavilion.emr.internal.record.EntryChecks.oneOf;
import static org.pavilion.emr.internal.record.EntryChecks.reject;
import static org.pavilion.emr.internal.record.EntryChecks.require;
import static org.pavilion.emr.internal.record.EntryChecks.text;
import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.AllergyRecorded;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/** A patient's allergies and intolerances, with severity and reaction. */
@Component(service = AllergyList.class)
public class AllergyList {

    /** UNKNOWN: not assessed, as a feed's AL1 without (or with an unknown) AL1-4 says; the allergy still counts. */
    static final Set<String> SEVERITIES = Set.of("MILD", "MODERATE", "SEVERE", "LIFE_THREATENING", "UNKNOWN");
    static final Set<String> ALLERGY_KINDS = Set.of("ALLERGY", "INTOLERANCE");
    static final Set<String> ALLERGY_STATUSES = Set.of("ACTIVE", "INACTIVE", "RESOLVED", "ENTERED_IN_ERROR");

    private final RecordWork work;

    @Activate
    public AllergyList(@Reference RecordWork work) {
        this.work = work;
    }

    public Clinical.Allergy recordAllergy(String mrn, Clinical.AllergyInput in, String breakGlass) {
        Grant g = work.write(mrn, "allergy", breakGlass);
        return work.audited(g, "CREATE", a -> a.id, () -> {
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
            return em -> {
                AllergyEntity a = new AllergyEntity();
                a.setId(UUID.randomUUID().toString());
                a.setMrn(g.mrn);
                a.setSubstance(substance);
                a.setCode(code);
                a.setCodeSystem(codeSystem);
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
                work.publish(em, AllergyRecorded.TYPE, ev.mrn, ev);
                return RecordMapper.allergy(a);
            };
        });
    }

    public List<Clinical.Allergy> allergies(String mrn, String breakGlass) {
        Grant g = work.read(mrn, "allergy", breakGlass);
        return work.auditedList(g, "allergy", () -> work.inTransaction(em -> allergies(em, g.mrn, false)));
    }

    /** The patient's allergies (only the ACTIVE ones with {@code activeOnly}), newest first; shared with the view. */
    static List<Clinical.Allergy> allergies(EntityManager em, String mrn, boolean activeOnly) {
        return em.createQuery("SELECT a FROM AllergyEntity a WHERE a.mrn = :mrn"
                + (activeOnly ? " AND a.status = 'ACTIVE'" : "") + " ORDER BY a.recordedMs DESC, a.id", AllergyEntity.class)
                .setParameter("mrn", mrn).setMaxResults(MAX_LIST).getResultList().stream()
                .map(RecordMapper::allergy).toList();
    }
}
