package org.pavilion.emr.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.metamodel.EntityType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.PatientsMerged;
import org.pavilion.emr.internal.privacy.ParticipantReport;
import org.pavilion.emr.internal.privacy.ParticipantRuns;
import org.pavilion.emr.internal.privacy.PrivacyParticipants;
import org.pavilion.events.api.EventPublisher;

/**
 * Merges a duplicate record into its survivor in one transaction: every row the EMR keys to the duplicate's
 * MRN moves to the survivor, the duplicate becomes a tombstone that redirects (merged_into), and
 * {@code PatientsMerged} is published for departments keeping data per MRN. Audited on both records.
 */
@Component(service = PatientMerge.class)
public class PatientMerge {

    /** Contact rows are moved behind the survivor's own (seq_no offset) so the survivor's primary stays first. */
    private static final Set<String> ORDERED_CONTACTS = Set.of("PatientPhoneEntity", "NextOfKinEntity",
            "InsurancePolicyEntity");
    private static final int SEQ_OFFSET = 100;
    static final int MIN_REASON_LENGTH = 5;

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final PatientService patients;
    private final PrivacyParticipants participants;
    private final ParticipantRuns runs;

    @Activate
    public PatientMerge(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference PatientService patients,
            @Reference PrivacyParticipants participants, @Reference ParticipantRuns runs) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.patients = patients;
        this.participants = participants;
        this.runs = runs;
    }

    /** What a merge did: the survivor as it now reads, and the rows moved per kind of record. */
    public static final class MergeResult {
        public Patient survivor;
        public String duplicateMrn;
        public Map<String, Integer> moved;
        /**
         * Each department's privacy participant: the rows it re-pointed, or FAILED (complete it with
         * POST /api/v1/emr/merges/{duplicateMrn}/participants/retry).
         */
        public List<ParticipantReport> participants;
    }

    public MergeResult merge(String survivorMrn, String duplicateMrn, String reason) {
        PatientService.requireValidMrn(survivorMrn);
        PatientService.requireValidMrn(duplicateMrn);
        if (survivorMrn.equals(duplicateMrn)) {
            throw ProblemException.validation("A record cannot be merged into itself");
        }
        String why = reason == null ? null : reason.strip();
        if (why == null || why.length() < MIN_REASON_LENGTH || why.length() > 500) {
            throw ProblemException.validation("reason is required: why these are the same person (at least "
                    + MIN_REASON_LENGTH + ", at most 500 characters)");
        }
        String actor = PatientService.actor();
        long now = System.currentTimeMillis();
        Map<String, Integer> moved;
        try {
            // The merge, its event and its two audit records (one filed under each patient) commit together.
            moved = jpa.callAudited(audit, em -> {
                // Lock both rows in MRN order: two clerks merging the same pair either way round cannot deadlock,
                // and the second sees the first's tombstone.
                for (String mrn : List.of(survivorMrn, duplicateMrn).stream().sorted().toList()) {
                    em.createNativeQuery("UPDATE emr_patient SET updated_ms = updated_ms WHERE mrn = ?1")
                            .setParameter(1, mrn).executeUpdate();
                }
                PatientEntity survivor = em.find(PatientEntity.class, survivorMrn);
                PatientEntity duplicate = em.find(PatientEntity.class, duplicateMrn);
                if (survivor == null || duplicate == null) {
                    throw ProblemException.notFound("Patient", survivor == null ? survivorMrn : duplicateMrn);
                }
                for (PatientEntity p : List.of(survivor, duplicate)) {
                    if (p.getMergedInto() != null) {
                        throw new ProblemException(409, "patient-merged", "Already merged",
                                "Patient " + p.getMrn() + " was already merged into " + p.getMergedInto(),
                                Map.of("mergedInto", p.getMergedInto()));
                    }
                }
                Map<String, Integer> counts = moveRows(em, survivorMrn, duplicateMrn);
                duplicate.setMergedInto(survivorMrn);
                duplicate.setMergedMs(now);
                duplicate.setUpdatedMs(now);
                duplicate.setUpdatedBy(actor);
                // The stricter confidentiality wins: a restricted duplicate keeps the survivor restricted.
                survivor.setRestricted(survivor.isRestricted() || duplicate.isRestricted());
                survivor.setUpdatedMs(now);
                survivor.setUpdatedBy(actor);
                PatientsMerged event = new PatientsMerged();
                event.survivorMrn = survivorMrn;
                event.duplicateMrn = duplicateMrn;
                event.reason = why;
                event.mergedAt = Instant.ofEpochMilli(now).toString();
                event.mergedBy = actor;
                event.givenName = survivor.getGivenName();
                event.familyName = survivor.getFamilyName();
                event.sex = survivor.getSex();
                event.birthDate = survivor.getBirthDate();
                event.duplicateGivenName = duplicate.getGivenName();
                event.duplicateFamilyName = duplicate.getFamilyName();
                // Keyed by the record that goes away: a subscriber has all of it before it moves it to the survivor.
                events.publish(em, PatientsMerged.TYPE, Mrn.subjectKey(duplicateMrn), event);
                return new Done<>(counts, List.of(
                        AuditEvent.of("MERGE", PatientService.RESOURCE).resourceId(duplicateMrn).patientId(survivorMrn)
                                .detail("merged duplicate " + duplicateMrn + " into " + survivorMrn + ", moved " + counts
                                        + ": " + why).build(),
                        AuditEvent.of("MERGE", PatientService.RESOURCE).resourceId(duplicateMrn)
                                .patientId(duplicateMrn).detail("merged into " + survivorMrn + ": " + why).build()));
            });
        } catch (ProblemException e) {
            audit.record(AuditEvent.of("MERGE", PatientService.RESOURCE).resourceId(duplicateMrn)
                    .patientId(survivorMrn).outcome(AuditOutcome.FAILED).detail(e.getMessage()).build());
            throw e;
        }
        // The departments re-point their rows after the EMR's merge committed, each in its own transactions.
        List<ParticipantReport> departments = participants.merge(survivorMrn, duplicateMrn);
        // Kept so a failed one can be re-run alone (MergeParticipantRetry).
        runs.keep(ParticipantRuns.MERGE, duplicateMrn, departments, actor);
        MergeResult result = new MergeResult();
        result.survivor = patients.get(survivorMrn);
        result.duplicateMrn = duplicateMrn;
        result.moved = moved;
        result.participants = departments;
        return result;
    }

    /**
     * Re-keys every EMR entity that has an {@code mrn} attribute, found through the persistence unit's metamodel,
     * so a table added to the record later is merged without touching this class. The survivor's own phone and
     * policy win over the duplicate's copy of the same number.
     */
    private static Map<String, Integer> moveRows(EntityManager em, String survivor, String duplicate) {
        em.createQuery("DELETE FROM PatientPhoneEntity d WHERE d.mrn = :dup AND d.phoneNorm IN "
                + "(SELECT s.phoneNorm FROM PatientPhoneEntity s WHERE s.mrn = :survivor)")
                .setParameter("dup", duplicate).setParameter("survivor", survivor).executeUpdate();
        em.createQuery("DELETE FROM InsurancePolicyEntity d WHERE d.mrn = :dup AND d.policyNumberNorm IN "
                + "(SELECT s.policyNumberNorm FROM InsurancePolicyEntity s WHERE s.mrn = :survivor "
                + "AND UPPER(s.insurer) = UPPER(d.insurer))")
                .setParameter("dup", duplicate).setParameter("survivor", survivor).executeUpdate();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EntityType<?> type : em.getMetamodel().getEntities()) {
            String name = type.getName();
            if (type.getJavaType() == PatientEntity.class || type.getAttributes().stream()
                    .noneMatch(a -> a.getName().equals("mrn"))) {
                continue;
            }
            String set = ORDERED_CONTACTS.contains(name) ? "x.mrn = :survivor, x.seqNo = x.seqNo + " + SEQ_OFFSET
                    : "x.mrn = :survivor";
            int n = em.createQuery("UPDATE " + name + " x SET " + set + " WHERE x.mrn = :dup")
                    .setParameter("survivor", survivor).setParameter("dup", duplicate).executeUpdate();
            if (n > 0) {
                counts.put(name.replaceFirst("Entity$", ""), n);
            }
        }
        return counts;
    }
}
