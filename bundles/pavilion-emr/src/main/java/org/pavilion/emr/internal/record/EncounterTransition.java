package org.pavilion.emr.internal.record;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;

/**
 * The one shape of every change to an existing encounter (close, move, reopen, cancel): the caller may write the
 * record, the request is checked, the encounter is found among the patient's (404 otherwise), changed, and its
 * events published in the same transaction; the outcome is audited as UPDATE encounter, FAILED with the problem
 * when refused. Only the change itself differs, a {@link Change}.
 */
final class EncounterTransition {

    /** The change of one transition, made in the transaction once the encounter was found. */
    @FunctionalInterface
    interface Change {
        /**
         * Changes {@code e} (the patient's encounter) at {@code now} by {@code by} and returns the events to
         * publish, in order; none when the encounter already was as asked (a repeated message changes nothing).
         * A concurrent change that won is a 409 {@link ProblemException}.
         */
        List<Event> apply(EntityManager em, EncounterEntity e, long now, String by);
    }

    /** An event of a transition, published with the patient's subject key. */
    record Event(String type, Object payload) {
    }

    private final RecordWork work;

    EncounterTransition(RecordWork work) {
        this.work = work;
    }

    /**
     * @param auditDetail the audited resource id (first word) and detail (the rest) of the changed encounter
     * @param checked     checks the request (400 audited as FAILED) and gives the change to make
     */
    Clinical.Encounter run(String mrn, String encounterId, String breakGlass,
            Function<Clinical.Encounter, String> auditDetail, Supplier<Change> checked) {
        Grant g = work.write(mrn, "encounter", breakGlass);
        return work.audited(g, "UPDATE", auditDetail, () -> {
            Change change = checked.get();
            long now = System.currentTimeMillis();
            String by = PatientService.actor();
            return em -> {
                EncounterEntity e = em.find(EncounterEntity.class, encounterId);
                if (e == null || !e.getMrn().equals(g.mrn)) {
                    throw ProblemException.notFound("Encounter", encounterId);
                }
                for (Event ev : change.apply(em, e, now, by)) {
                    work.publish(em, ev.type(), e.getMrn(), ev.payload());
                }
                return RecordMapper.encounter(e);
            };
        });
    }
}
