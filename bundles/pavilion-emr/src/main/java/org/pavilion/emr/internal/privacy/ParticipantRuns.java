package org.pavilion.emr.internal.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.emr.internal.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each privacy participant's latest outcome of each merge and erasure (emr_participant_run), so a failed or
 * never-reached participant can be found and re-run on its own. A merge is keyed by its duplicate, an erasure by
 * the record erased.
 */
@Component(service = ParticipantRuns.class)
public class ParticipantRuns {

    public static final String MERGE = "MERGE";
    public static final String ERASURE = "ERASURE";
    private static final int MAX_ERROR = 1000;
    private static final int MAX_SUMMARY = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantRuns.class);

    private final JpaTransactions jpa;

    @Activate
    public ParticipantRuns(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    /**
     * Keeps {@code reports} as the participants' latest outcomes of this operation (one row per participant,
     * attempts counted). The subject's patient row is locked first: two administrators re-running the same
     * merge at once take turns here instead of one tripping over the other's new row.
     */
    public void record(String operation, String subjectMrn, List<ParticipantReport> reports, String actor, long now) {
        if (reports.isEmpty()) {
            return;
        }
        jpa.run(em -> {
            em.createNativeQuery("UPDATE emr_patient SET updated_ms = updated_ms WHERE mrn = ?1")
                    .setParameter(1, subjectMrn).executeUpdate();
            for (ParticipantReport r : reports) {
                ParticipantRunEntity e = find(em, operation, subjectMrn, r.name);
                if (e == null) {
                    e = new ParticipantRunEntity();
                    e.setId(UUID.randomUUID().toString());
                    e.setOperation(operation);
                    e.setSubjectMrn(subjectMrn);
                    e.setParticipant(cut(r.name, 100));
                    e.setFirstMs(now);
                    em.persist(e);
                }
                e.setTitle(cut(r.title, 200));
                e.setStatus(r.status);
                e.setError(cut(r.error, MAX_ERROR));
                e.setSummary(cut(summary(r), MAX_SUMMARY));
                e.setAttempts(e.getAttempts() + 1);
                e.setLastMs(now);
                e.setLastBy(cut(actor, 64));
            }
        });
    }

    /**
     * {@link #record} after an operation that has committed and stays whatever happens here: an outcome that could
     * not be kept is logged, and the participant then shows as NOT_RUN, which re-running it safely settles.
     */
    public void keep(String operation, String subjectMrn, List<ParticipantReport> reports, String actor) {
        try {
            record(operation, subjectMrn, reports, actor, System.currentTimeMillis());
        } catch (RuntimeException e) {
            // No MRN at INFO or above (issue #20): an incident id, the failure without its messages (a database
            // error may quote the key); the record only at DEBUG. Its participants then show as NOT_RUN.
            String incident = UUID.randomUUID().toString();
            LOG.warn("Could not keep the privacy participants' outcomes of a {} (incident {}); they show as NOT_RUN "
                    + "until re-run", operation, incident, LogSafe.failure(e));
            LOG.debug("Privacy incident {}: {} of record {}", incident, operation, subjectMrn);
        }
    }

    /** The kept outcomes of this operation, by participant name. */
    public List<ParticipantRun> of(String operation, String subjectMrn) {
        return jpa.call(em -> {
            List<ParticipantRun> runs = new ArrayList<>();
            for (ParticipantRunEntity e : em.createQuery("SELECT r FROM ParticipantRunEntity r WHERE r.operation = :op "
                    + "AND r.subjectMrn = :mrn ORDER BY r.participant", ParticipantRunEntity.class)
                    .setParameter("op", operation).setParameter("mrn", subjectMrn).getResultList()) {
                runs.add(ParticipantRun.of(e));
            }
            return runs;
        });
    }

    /**
     * The kept outcomes of this operation, each marked installed or not, plus a NOT_RUN line for every participant
     * in {@code installed} (name to title, those registered now) that the operation never reached; by name.
     */
    public List<ParticipantRun> withInstalled(String operation, String subjectMrn, Map<String, String> installed) {
        Map<String, ParticipantRun> byName = new TreeMap<>();
        for (ParticipantRun r : of(operation, subjectMrn)) {
            r.installed = installed.containsKey(r.name);
            byName.put(r.name, r);
        }
        installed.forEach((name, title) -> byName.putIfAbsent(name, ParticipantRun.notRun(name, title)));
        return new ArrayList<>(byName.values());
    }

    private static ParticipantRunEntity find(EntityManager em, String operation, String subjectMrn, String name) {
        List<ParticipantRunEntity> found = em.createQuery("SELECT r FROM ParticipantRunEntity r WHERE "
                + "r.operation = :op AND r.subjectMrn = :mrn AND r.participant = :name", ParticipantRunEntity.class)
                .setParameter("op", operation).setParameter("mrn", subjectMrn).setParameter("name", cut(name, 100))
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** "re-pointed visits: 2 (moved to the survivor); kept ..." – what the participant said it did. */
    static String summary(ParticipantReport r) {
        List<String> parts = new ArrayList<>();
        add(parts, "re-pointed", r.repointed);
        add(parts, "removed", r.removed);
        add(parts, "anonymised", r.anonymised);
        add(parts, "kept", r.kept);
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static void add(List<String> parts, String action, List<ErasureReport.Item> items) {
        for (ErasureReport.Item i : items) {
            parts.add(action + " " + i.what + (i.count == null ? "" : ": " + i.count)
                    + (i.why == null || i.why.isBlank() ? "" : " (" + i.why + ")"));
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
