package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.MAX_LIST;
import static org.pavilion.emr.internal.record.EntryChecks.name;
import static org.pavilion.emr.internal.record.EntryChecks.stripped;
import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.emr.api.AllergyRecorded;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/**
 * A patient's allergies and intolerances, with severity and reaction. A severity of UNKNOWN is not assessed, as a
 * feed's AL1 without (or with an unknown) AL1-4 says; the allergy still counts.
 */
@Component(service = AllergyList.class)
public class AllergyList {

    private final RecordWork work;
    private final DeclaredConstraints constraints;

    @Activate
    public AllergyList(@Reference RecordWork work, @Reference DeclaredConstraints constraints) {
        this.work = work;
        this.constraints = constraints;
    }

    public Clinical.Allergy recordAllergy(String mrn, Clinical.AllergyInput in, String breakGlass) {
        Grant g = work.write(mrn, "allergy", breakGlass);
        return work.audited(g, "CREATE", a -> a.id, () -> {
            // What AllergyInput declares, every broken field in one 400 (audited as a failed write like before).
            constraints.check(in);
            Clinical.AllergyInput i = in;
            String substance = stripped(i.substance);
            String reaction = stripped(i.reaction);
            String severity = name(i.severity, null);
            String kind = name(i.kind, "ALLERGY");
            String status = name(i.status, "ACTIVE");
            String code = stripped(i.code);
            String codeSystem = stripped(i.codeSystem);
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
