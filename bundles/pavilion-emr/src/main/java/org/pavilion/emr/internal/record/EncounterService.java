package org.pavilion.emr.internal.record;

import static org.pavilion.emr.internal.record.EntryChecks.limit;
import static org.pavilion.emr.internal.record.EntryChecks.name;
import static org.pavilion.emr.internal.record.EntryChecks.oneOf;
import static org.pavilion.emr.internal.record.EntryChecks.reject;
import static org.pavilion.emr.internal.record.EntryChecks.stripped;
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
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.api.EncounterClassChanged;
import org.pavilion.emr.api.EncounterClosed;
import org.pavilion.emr.api.EncounterMoved;
import org.pavilion.emr.api.EncounterOpened;
import org.pavilion.emr.api.EncounterStatusChanged;
import org.pavilion.emr.api.PatientDischarged;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.emr.internal.record.EncounterTransition.Event;

/**
 * A patient's encounters (visits, admissions): open, close (with the discharge it means), move between beds,
 * reopen or cancel, and list. Every change of an existing encounter goes through {@link EncounterTransition}.
 */
@Component(service = EncounterService.class)
public class EncounterService {

    static final Set<String> ENCOUNTER_KINDS = Set.of("OUTPATIENT", "EMERGENCY", "ADMISSION", "TELECONSULTATION");
    /** Encounters whose close is the patient leaving the hospital ({@link PatientDischarged}). */
    static final Set<String> DISCHARGING_KINDS = Set.of("ADMISSION", "EMERGENCY");

    private final RecordWork work;
    private final EncounterTransition transition;
    private final DeclaredConstraints constraints;

    @Activate
    public EncounterService(@Reference RecordWork work, @Reference DeclaredConstraints constraints) {
        this.work = work;
        this.constraints = constraints;
        this.transition = new EncounterTransition(work);
    }

    /** Work joined to a write's transaction: the entity manager, the patient's MRN, the new row's id. */
    @FunctionalInterface
    public interface TriConsumer {
        void accept(EntityManager em, String mrn, String id);
    }

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
        Grant g = work.write(mrn, "encounter", breakGlass);
        return work.audited(g, "CREATE", e -> e.id, () -> {
            // What EncounterInput declares, every broken field in one 400 (audited as a failed write).
            constraints.check(in);
            Clinical.EncounterInput i = in;
            String kind = name(i.kind, null);
            String attending = stripped(i.attending);
            String attendingName = stripped(i.attendingName);
            String admitting = stripped(i.admitting);
            String admittingName = stripped(i.admittingName);
            String location = stripped(i.location);
            String reason = stripped(i.reason);
            long now = System.currentTimeMillis();
            return em -> {
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
                work.publish(em, EncounterOpened.TYPE, ev.mrn, ev);
                return RecordMapper.encounter(e);
            };
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
        return transition.run(mrn, encounterId, breakGlass, e -> e.id, () -> {
            List<String> problems = new ArrayList<>();
            String goneTo = text("disposition", disposition, 64, false, problems);
            reject(problems);
            return (em, e, now, by) -> {
                // A conditional UPDATE is atomic on H2 and PostgreSQL alike: exactly one closer wins.
                int changed = em.createQuery("UPDATE EncounterEntity e SET e.status = 'CLOSED', e.closedMs = :now, "
                        + "e.closedBy = :by WHERE e.id = :id AND e.mrn = :mrn AND e.status = 'OPEN'")
                        .setParameter("now", now).setParameter("by", by).setParameter("id", e.getId())
                        .setParameter("mrn", e.getMrn()).executeUpdate();
                if (changed == 0) {
                    throw ProblemException.conflict("Encounter " + e.getId() + " is already closed");
                }
                em.refresh(e);
                EncounterClosed closed = new EncounterClosed();
                closed.mrn = e.getMrn();
                closed.encounterId = e.getId();
                closed.kind = e.getKind();
                closed.openedAt = iso(e.getOpenedMs());
                closed.closedAt = iso(now);
                closed.closedBy = by;
                if (!DISCHARGING_KINDS.contains(closed.kind)) {
                    return List.of(new Event(EncounterClosed.TYPE, closed));
                }
                PatientDischarged discharged = new PatientDischarged();
                discharged.mrn = closed.mrn;
                discharged.encounterId = closed.encounterId;
                discharged.kind = closed.kind;
                discharged.disposition = goneTo;
                discharged.admittedAt = closed.openedAt;
                discharged.dischargedAt = closed.closedAt;
                discharged.dischargedBy = by;
                return List.of(new Event(EncounterClosed.TYPE, closed), new Event(PatientDischarged.TYPE, discharged));
            };
        });
    }

    /**
     * Moves the patient of an open encounter to {@code location} (ward^room^bed), publishing {@link EncounterMoved}
     * with where they were. {@code back}: to where they were before the last move (a cancelled transfer), then
     * {@code location} is ignored. Already there: the encounter unchanged, no event (a repeated message).
     */
    public Clinical.Encounter moveEncounter(String mrn, String encounterId, String location, boolean back,
            String breakGlass) {
        return transition.run(mrn, encounterId, breakGlass, e -> e.id + " " + e.location, () -> {
            List<String> problems = new ArrayList<>();
            String to = text("location", location, 100, !back, problems);
            reject(problems);
            return (em, e, now, by) -> {
                if (!"OPEN".equals(e.getStatus())) {
                    throw ProblemException.conflict("Encounter " + e.getId() + " is " + e.getStatus()
                            + ": only an open encounter moves");
                }
                String target = back ? e.getPreviousLocation() : to;
                if (target == null) {
                    throw ProblemException.conflict("Encounter " + e.getId() + " has no earlier location to go "
                            + "back to");
                }
                if (target.equals(e.getLocation())) {
                    return List.of();
                }
                String from = e.getLocation();
                e.setPreviousLocation(back ? null : from);
                e.setLocation(target);
                EncounterMoved moved = new EncounterMoved();
                moved.mrn = e.getMrn();
                moved.encounterId = e.getId();
                moved.location = target;
                moved.previousLocation = from;
                moved.movedAt = iso(now);
                moved.movedBy = by;
                return List.of(new Event(EncounterMoved.TYPE, moved));
            };
        });
    }

    /**
     * Moves an encounter from status {@code from} to {@code to}: CLOSED → OPEN reopens it (a cancelled discharge,
     * the close forgotten), OPEN → CANCELLED cancels it (kept, not deleted). Already {@code to}: unchanged, no
     * event; in any other status: 409. Publishes {@link EncounterStatusChanged}.
     */
    public Clinical.Encounter changeEncounterStatus(String mrn, String encounterId, String from, String to,
            String breakGlass) {
        return transition.run(mrn, encounterId, breakGlass, e -> e.id + " " + e.status, () -> (em, e, now, by) -> {
            if (to.equals(e.getStatus())) {
                return List.of();
            }
            // Conditional, as the close: of two concurrent changes one wins, the other gets 409.
            int changed = em.createQuery("UPDATE EncounterEntity e SET e.status = :to, e.closedMs = :closed, "
                    + "e.closedBy = :by WHERE e.id = :id AND e.status = :from").setParameter("to", to)
                    .setParameter("closed", "OPEN".equals(to) ? null : (Object) now)
                    .setParameter("by", "OPEN".equals(to) ? null : by).setParameter("id", e.getId())
                    .setParameter("from", from).executeUpdate();
            if (changed == 0) {
                throw ProblemException.conflict("Encounter " + e.getId() + " is " + e.getStatus() + ", not " + from);
            }
            em.refresh(e);
            EncounterStatusChanged changedTo = new EncounterStatusChanged();
            changedTo.mrn = e.getMrn();
            changedTo.encounterId = e.getId();
            changedTo.kind = e.getKind();
            changedTo.status = to;
            changedTo.previousStatus = from;
            changedTo.changedAt = iso(now);
            changedTo.changedBy = by;
            return List.of(new Event(EncounterStatusChanged.TYPE, changedTo));
        });
    }

    /**
     * Changes the class ({@code kind}) of an open or planned encounter: an outpatient admitted as an inpatient (HL7
     * A06) or back (A07). Already of that kind: unchanged, no event. Publishes {@link EncounterClassChanged}.
     */
    public Clinical.Encounter changeEncounterClass(String mrn, String encounterId, String kind, String breakGlass) {
        return transition.run(mrn, encounterId, breakGlass, e -> e.id + " " + e.kind, () -> {
            List<String> problems = new ArrayList<>();
            String to = oneOf("kind", kind, ENCOUNTER_KINDS, null, problems);
            reject(problems);
            return (em, e, now, by) -> {
                if (to.equals(e.getKind())) {
                    return List.of();
                }
                if (!"OPEN".equals(e.getStatus()) && !"PLANNED".equals(e.getStatus())) {
                    throw ProblemException.conflict("Encounter " + e.getId() + " is " + e.getStatus()
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
                return List.of(new Event(EncounterClassChanged.TYPE, ev));
            };
        });
    }

    public List<Clinical.Encounter> encounters(String mrn, int max, String breakGlass) {
        Grant g = work.read(mrn, "encounter", breakGlass);
        int limit = limit(max);
        return work.auditedList(g, "encounter", () -> work.inTransaction(em -> recent(em, g.mrn, limit)));
    }

    /** The patient's encounters, newest first; shared with the record view. */
    static List<Clinical.Encounter> recent(EntityManager em, String mrn, int max) {
        return em.createQuery("SELECT e FROM EncounterEntity e WHERE e.mrn = :mrn ORDER BY e.openedMs DESC, e.id",
                EncounterEntity.class).setParameter("mrn", mrn).setMaxResults(max).getResultList().stream()
                .map(RecordMapper::encounter).toList();
    }

    /**
     * The encounter an entry belongs to: null when none was named; it must be one of this patient's and still
     * open (entries are not added to a closed encounter; a late entry is made without one).
     */
    static String openEncounterOf(EntityManager em, String mrn, String encounterId) {
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
}
