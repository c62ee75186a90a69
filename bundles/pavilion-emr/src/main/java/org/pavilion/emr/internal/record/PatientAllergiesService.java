package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.RecordMapper.iso;

import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AllergyRecorded;
import org.pavilion.emr.api.PatientAllergies;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;

/**
 * {@link PatientAllergies} for in-container callers (the pharmacy's check before it dispenses): one read-only
 * transaction per call, then one audit record naming the caller, the MRN asked for and the stated purpose, also when
 * the MRN is unknown. Not gated by {@code PatientAccess}: the caller decides that for its user, as with PatientLookup.
 */
@Component(service = PatientAllergies.class)
public class PatientAllergiesService implements PatientAllergies {

    static final String RESOURCE = "allergy";
    static final int MAX_PURPOSE = 200;

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public PatientAllergiesService(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    @Override
    public List<AllergyRecorded> active(String mrn, String purpose) {
        String why = purpose(purpose);
        if (!Mrn.isValid(mrn)) {
            throw new IllegalArgumentException("'" + mrn + "' is not a valid MRN: its check digits do not match");
        }
        Caller caller = requireCaller();
        Found found = jpa.call(em -> {
            PatientEntity asked = em.find(PatientEntity.class, mrn);
            if (asked == null) {
                return null;
            }
            String survivor = PatientService.survivor(em, asked).getMrn();
            return new Found(survivor, activeEntries(em, survivor));
        });
        AuditEvent.Builder record = AuditEvent.of("READ", RESOURCE).resourceId(mrn);
        if (found == null) {
            record.patientId(mrn).outcome(AuditOutcome.FAILED)
                    .detail("PatientAllergies: no such patient; purpose: " + why);
        } else {
            record.patientId(found.mrn).detail("PatientAllergies: " + found.entries.size() + " active entries"
                    + (found.mrn.equals(mrn) ? "" : ", merged into " + found.mrn) + "; purpose: " + why);
        }
        audit.record(record.build().as(caller));
        return found == null ? List.of() : found.entries;
    }

    private record Found(String mrn, List<AllergyRecorded> entries) {
    }

    /** ACTIVE entries only: resolved, inactive and entered-in-error ones must not warn a pharmacist. */
    private static List<AllergyRecorded> activeEntries(EntityManager em, String mrn) {
        return em.createQuery("SELECT a FROM AllergyEntity a WHERE a.mrn = :mrn AND a.status = 'ACTIVE'"
                + " ORDER BY a.recordedMs DESC, a.id", AllergyEntity.class).setParameter("mrn", mrn)
                .getResultList().stream().map(PatientAllergiesService::payload).toList();
    }

    /** The entry as its AllergyRecorded payload stands now. */
    static AllergyRecorded payload(AllergyEntity a) {
        AllergyRecorded p = new AllergyRecorded();
        p.mrn = a.getMrn();
        p.allergyId = a.getId();
        p.substance = a.getSubstance();
        p.code = a.getCode();
        p.codeSystem = a.getCodeSystem();
        p.reaction = a.getReaction();
        p.severity = a.getSeverity();
        p.kind = a.getKind();
        p.status = a.getStatus();
        p.recordedAt = iso(a.getRecordedMs());
        p.recordedBy = a.getRecordedBy();
        return p;
    }

    private static String purpose(String purpose) {
        String why = purpose == null ? "" : purpose.strip();
        if (why.isEmpty() || why.length() > MAX_PURPOSE) {
            throw new IllegalArgumentException("A purpose is required (1 to " + MAX_PURPOSE + " characters): why "
                    + "the caller reads this patient's allergies, for the audit trail");
        }
        return why;
    }

    private static Caller requireCaller() {
        return CallerContext.current().orElseThrow(() -> new IllegalStateException("PatientAllergies needs a "
                + "caller: bind the user or system actor you read for with CallerContext.runAs"));
    }
}
