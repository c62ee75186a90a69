package org.pavilion.telemedicine.internal;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.api.retry.Backoff;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.telemedicine.api.ConsultationEnded;
import org.pavilion.telemedicine.api.ConsultationStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The consultation rooms: made from scheduling's video appointments, the waiting room, admission and end, guest links,
 * and who may join a room's signalling. Every state change commits with its event and its audit record; the races
 * that matter (two admits, two redemptions of one link) are decided by one conditional UPDATE each, so exactly one
 * wins on H2 and PostgreSQL alike.
 */
@Component(service = ConsultationService.class)
public class ConsultationService {

    static final String RESOURCE = "telemedicine-consultation";
    static final String GUEST_LINK = "telemedicine-guest-link";
    static final String VIDEO = "VIDEO";
    static final String FILE = "telemedicine-file";
    static final String DEFAULT_FILE_TITLE = "Shared in a video consultation";
    static final String ENCOUNTER_OPEN = "OPEN";
    static final String ENCOUNTER_CLOSED = "CLOSED";
    static final String NO_EMR = "the EMR is not installed";
    /** The note of an encounter whose close the EMR refused: left as the EMR has it, not retried. */
    static final String CLOSE_REFUSED = "the EMR refused to close the encounter, not retried: ";
    static final String ENCOUNTER = "telemedicine-encounter";
    /** A failed encounter close is retried after this long, doubling per failure up to {@link #CLOSE_RETRY_MAX_MS}. */
    static final long CLOSE_RETRY_MS = 30_000;
    static final long CLOSE_RETRY_MAX_MS = 30 * 60_000;
    private static final Backoff CLOSE_RETRY = new Backoff(CLOSE_RETRY_MS, CLOSE_RETRY_MAX_MS);
    /** At most this many owed closes per run of the retry worker: a backlog after an EMR outage takes a few runs. */
    static final int CLOSE_BATCH = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ConsultationService.class);

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final TelemedicineSettings settings;
    private final SignalTickets tickets;
    private final SignalRooms rooms;
    private final Clock clock;

    /** The patient's EMR record, while the EMR is installed (EmrRecordLink): encounters and shared files. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EmrRecord emr;

    @Activate
    public ConsultationService(@Reference(target = "(osgi.unit.name=pavilion-telemedicine)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference TelemedicineSettings settings,
            @Reference SignalTickets tickets, @Reference SignalRooms rooms) {
        this(emf, audit, events, settings, tickets, rooms, Clock.systemUTC());
    }

    ConsultationService(EntityManagerFactory emf, AuditService audit, EventPublisher events,
            TelemedicineSettings settings, SignalTickets tickets, SignalRooms rooms, Clock clock) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.tickets = tickets;
        this.rooms = rooms;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- scheduling's appointment events

    /**
     * One delivery of a scheduling appointment event. A VIDEO booking gets a room; a reschedule moves it (or cancels
     * it when the visit is no longer by video, or makes one when it now is); a cancellation or no-show cancels a room
     * not yet in call. Applied once per event id, in the transaction that records the id.
     *
     * @return whether the event changed anything (false for a redelivery or an event that is not ours)
     */
    public boolean onAppointmentEvent(String eventId, String eventType, String json) throws Exception {
        JsonNode event = JSON.readTree(json);
        long now = clock.millis();
        return jpa.callAudited(audit, em -> {
            if (em.find(EventSeenEntity.class, eventId) != null) {
                return new AuditedTransaction.Done<>(false, List.of());
            }
            em.persist(new EventSeenEntity(eventId, now));
            if (event.path("redacted").asBoolean(false) || !event.hasNonNull("appointmentId")) {
                return new AuditedTransaction.Done<>(false, List.of());
            }
            AuditEvent record = apply(em, eventType, event, now);
            return record == null ? new AuditedTransaction.Done<>(false, List.of())
                    : AuditedTransaction.Done.of(true, record);
        });
    }

    private AuditEvent apply(EntityManager em, String eventType, JsonNode event, long now) {
        String appointmentId = event.path("appointmentId").asText();
        ConsultationEntity room = byAppointment(em, appointmentId);
        boolean video = VIDEO.equals(event.path("visitType").asText());
        switch (eventType) {
            case "AppointmentBooked":
                if (!video || room != null) {
                    return null;
                }
                return created(em, event, now);
            case "AppointmentRescheduled":
                if (room == null) {
                    return video ? created(em, event, now) : null;
                }
                if (room.getState().finished() || room.getState() == ConsultationState.IN_CALL) {
                    return null;
                }
                if (!video) {
                    return cancelled(room, now, "no longer a video visit");
                }
                room.setScheduledStartMs(instant(event, "start"));
                room.setScheduledEndMs(instant(event, "end"));
                room.setDoctorId(event.path("doctorId").asText(room.getDoctorId()));
                room.setDoctorName(text(event, "doctorName", 200));
                room.setUpdatedMs(now);
                return AuditEvent.of("UPDATE", RESOURCE).resourceId(room.getId()).patientId(room.getPatientId())
                        .detail("appointment rescheduled").build();
            case "AppointmentCancelled":
            case "AppointmentNoShow":
                if (room == null || room.getState().finished() || room.getState() == ConsultationState.IN_CALL) {
                    return null;
                }
                return cancelled(room, now, eventType);
            default:
                return null;
        }
    }

    private AuditEvent created(EntityManager em, JsonNode event, long now) {
        ConsultationEntity e = new ConsultationEntity();
        e.setId(UUID.randomUUID().toString());
        e.setAppointmentId(event.path("appointmentId").asText());
        e.setPatientId(event.path("patientId").asText());
        e.setDoctorId(event.path("doctorId").asText());
        e.setDoctorName(text(event, "doctorName", 200));
        e.setServiceName(text(event, "serviceName", 200));
        e.setScheduledStartMs(instant(event, "start"));
        e.setScheduledEndMs(instant(event, "end"));
        e.setState(ConsultationState.SCHEDULED);
        e.setUpdatedMs(now);
        em.persist(e);
        return AuditEvent.of("CREATE", RESOURCE).resourceId(e.getId()).patientId(e.getPatientId())
                .detail("room for video appointment " + e.getAppointmentId()).build();
    }

    private AuditEvent cancelled(ConsultationEntity room, long now, String why) {
        room.setState(ConsultationState.CANCELLED);
        room.setUpdatedMs(now);
        return AuditEvent.of("UPDATE", RESOURCE).resourceId(room.getId()).patientId(room.getPatientId())
                .detail("cancelled: " + why).build();
    }

    private static long instant(JsonNode event, String field) {
        try {
            return Instant.parse(event.path(field).asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Appointment event without a valid " + field, e);
        }
    }

    private static String text(JsonNode event, String field, int max) {
        String v = event.path(field).asText(null);
        return v == null || v.length() <= max ? v : v.substring(0, max);
    }

    private static ConsultationEntity byAppointment(EntityManager em, String appointmentId) {
        List<ConsultationEntity> found = em.createQuery(
                "SELECT c FROM ConsultationEntity c WHERE c.appointmentId = :a", ConsultationEntity.class)
                .setParameter("a", appointmentId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    // ---------------------------------------------------------------- staff: rooms and the waiting room

    public Page<Consultation> list(String state, int page, int size) {
        Page.validate(page, size);
        ConsultationState filter = state == null || state.isBlank() ? null : parseState(state);
        long now = clock.millis();
        Page<Consultation> result = jpa.call(em -> {
            String where = filter == null ? "" : " WHERE c.state = :s";
            var count = em.createQuery("SELECT COUNT(c) FROM ConsultationEntity c" + where, Long.class);
            var rows = em.createQuery("SELECT c FROM ConsultationEntity c" + where
                    + " ORDER BY c.scheduledStartMs, c.id", ConsultationEntity.class);
            if (filter != null) {
                count.setParameter("s", filter);
                rows.setParameter("s", filter);
            }
            List<Consultation> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(e -> Consultation.of(e, now)).collect(Collectors.toList());
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        audit.record(AuditEvent.of("SEARCH", RESOURCE).detail(result.getItems().size() + " of " + result.getTotal())
                .build());
        return result;
    }

    /** Who is waiting, longest first, optionally for one doctor. */
    public List<Consultation> waiting(String doctorId) {
        long now = clock.millis();
        boolean oneDoctor = doctorId != null && !doctorId.isBlank();
        List<Consultation> waiting = jpa.call(em -> {
            var q = em.createQuery("SELECT c FROM ConsultationEntity c WHERE c.state = :s"
                    + (oneDoctor ? " AND c.doctorId = :d" : "") + " ORDER BY c.arrivedMs, c.id", ConsultationEntity.class)
                    .setParameter("s", ConsultationState.WAITING);
            if (oneDoctor) {
                q.setParameter("d", doctorId.trim());
            }
            return q.setMaxResults(500).getResultList().stream().map(e -> Consultation.of(e, now))
                    .collect(Collectors.toList());
        });
        audit.record(AuditEvent.of("SEARCH", RESOURCE).detail("waiting room: " + waiting.size()).build());
        return waiting;
    }

    public Consultation get(String id) {
        ConsultationEntity e = jpa.call(em -> em.find(ConsultationEntity.class, id));
        if (e == null) {
            throw ProblemException.notFound("Consultation", id);
        }
        audit.record(AuditEvent.of("READ", RESOURCE).resourceId(id).patientId(e.getPatientId()).build());
        return Consultation.of(e, clock.millis());
    }

    /** The doctor lets the waiting patient in: WAITING -> IN_CALL, once; the loser of a race gets 409. */
    public Consultation admit(String id) {
        Caller caller = CallerContext.require();
        ConsultationEntity waiting = jpa.call(em -> em.find(ConsultationEntity.class, id));
        // The encounter first, as check-in does: idempotent on the visit number (the consultation id), so the loser
        // of an admission race, or a retry, finds the same encounter; the UPDATE below still decides who admits.
        EncounterOutcome encounter = waiting != null && waiting.getState() == ConsultationState.WAITING
                ? openEncounter(waiting, caller) : EncounterOutcome.NONE;
        long now = clock.millis();
        Consultation admitted = jpa.callAudited(audit, em -> {
            int changed = update(em, "UPDATE telemedicine_consultation SET state = ?, admitted_ms = ?, "
                    + "host_username = ?, updated_ms = ?, encounter_id = ?, encounter_status = ?, encounter_note = ? "
                    + "WHERE id = ? AND state = ?", ConsultationState.IN_CALL.name(), now, caller.username(), now,
                    encounter.id(), encounter.status(), encounter.note(), id, ConsultationState.WAITING.name());
            if (changed == 0) {
                return new AuditedTransaction.Done<>(null, List.of());
            }
            ConsultationEntity e = em.find(ConsultationEntity.class, id);
            ConsultationStarted started = new ConsultationStarted();
            started.consultationId = e.getId();
            started.appointmentId = e.getAppointmentId();
            started.patientId = e.getPatientId();
            started.doctorId = e.getDoctorId();
            started.host = caller.username();
            started.arrivedAt = Consultation.iso(e.getArrivedMs());
            started.startedAt = Consultation.iso(now);
            events.publish(em, ConsultationStarted.TYPE, subject(id), started);
            return AuditedTransaction.Done.of(Consultation.of(e, now), AuditEvent.of("ADMIT", RESOURCE).resourceId(id)
                    .patientId(e.getPatientId()).detail("admitted from the waiting room; " + (encounter.id() == null
                            ? "no EMR encounter: " + encounter.note() : "EMR encounter " + encounter.id())).build());
        });
        if (admitted == null) {
            throw refused(id, "ADMIT", ConsultationState.WAITING);
        }
        rooms.admitted(id);
        return admitted;
    }

    /** The host ends the call: IN_CALL -> ENDED, once; every signalling connection of the room is closed. */
    public Consultation end(String id) {
        Caller caller = CallerContext.require();
        long now = clock.millis();
        Consultation ended = jpa.callAudited(audit, em -> {
            int changed = update(em, "UPDATE telemedicine_consultation SET state = ?, ended_ms = ?, updated_ms = ? "
                    + "WHERE id = ? AND state = ? AND host_username = ?", ConsultationState.ENDED.name(), now, now, id,
                    ConsultationState.IN_CALL.name(), caller.username());
            if (changed == 0) {
                return new AuditedTransaction.Done<>(null, List.of());
            }
            // The encounter's close is owed from now on, with the end itself: whatever happens after the commit, the
            // retry worker finds it (closeDueEncounters) until the EMR has closed it.
            update(em, "UPDATE telemedicine_consultation SET encounter_close_due_ms = ?, encounter_close_attempts = 0 "
                    + "WHERE id = ? AND encounter_id IS NOT NULL", now, id);
            ConsultationEntity e = em.find(ConsultationEntity.class, id);
            ConsultationEnded payload = new ConsultationEnded();
            payload.consultationId = e.getId();
            payload.appointmentId = e.getAppointmentId();
            payload.patientId = e.getPatientId();
            payload.doctorId = e.getDoctorId();
            payload.host = e.getHostUsername();
            payload.startedAt = Consultation.iso(e.getAdmittedMs());
            payload.endedAt = Consultation.iso(now);
            payload.durationSeconds = Math.max(0, (now - e.getAdmittedMs()) / 1000);
            events.publish(em, ConsultationEnded.TYPE, subject(id), payload);
            return AuditedTransaction.Done.of(Consultation.of(e, now), AuditEvent.of("END", RESOURCE).resourceId(id)
                    .patientId(e.getPatientId()).detail("call ended after " + payload.durationSeconds + " s").build());
        });
        if (ended == null) {
            ConsultationEntity e = jpa.call(em -> em.find(ConsultationEntity.class, id));
            if (e != null && e.getState() == ConsultationState.IN_CALL && !caller.username().equals(e.getHostUsername())) {
                audit.record(AuditEvent.of("END", RESOURCE).resourceId(id).patientId(e.getPatientId())
                        .outcome(AuditOutcome.DENIED).detail("not the host").build());
                throw ProblemException.forbidden("Only the doctor who admitted the patient ends the consultation");
            }
            throw refused(id, "END", ConsultationState.IN_CALL);
        }
        rooms.ended(id);
        return closeEncounter(id, ended);
    }

    /** What admission got from the EMR: an open encounter, or none and why. */
    record EncounterOutcome(String id, String status, String note) {
        static final EncounterOutcome NONE = new EncounterOutcome(null, null, null);
    }

    private EncounterOutcome openEncounter(ConsultationEntity e, Caller host) {
        EmrRecord record = emr;
        if (record == null) {
            return new EncounterOutcome(null, null, NO_EMR);
        }
        try {
            EmrRecord.Encounter opened = record.open(e.getPatientId(), e.getAppointmentId(), host.username(),
                    "video consultation" + (e.getServiceName() == null ? "" : ": " + e.getServiceName()));
            return new EncounterOutcome(opened.id(), ENCOUNTER_OPEN, null);
        } catch (RuntimeException refused) {
            // The EMR's reason may name the patient: kept on the consultation (shown to its host), not logged.
            LOG.warn("Consultation {} admitted without an EMR encounter ({})", e.getId(),
                    refused.getClass().getSimpleName());
            return new EncounterOutcome(null, null, truncate("the EMR refused the encounter: "
                    + refused.getMessage(), 300));
        }
    }

    /**
     * The first attempt to close the ended consultation's encounter, right after the end has committed: a doctor can
     * always hang up. If the EMR is down or not installed, the close stays owed (recorded by the end's
     * transaction) and the retry worker tries again until it succeeds or the EMR refuses it; the view says so.
     */
    private Consultation closeEncounter(String id, Consultation ended) {
        if (ended.encounterId == null) {
            return ended;
        }
        attemptClose(id, ended.appointmentId, ended.patientId, ended.encounterId);
        ConsultationEntity now = jpa.call(em -> em.find(ConsultationEntity.class, id));
        ended.encounterStatus = now.getEncounterStatus();
        ended.encounterNote = now.getEncounterNote();
        return ended;
    }

    /**
     * The retry worker's run ({@code EncounterCloseRoutes}): one attempt for each ended consultation whose encounter
     * close is due, oldest first. Closing in the EMR is idempotent on the visit number, so an attempt that races the
     * one at hang-up, or repeats one whose answer was lost, changes nothing there.
     *
     * @return how many encounters this run closed
     */
    public int closeDueEncounters() {
        long now = clock.millis();
        List<ConsultationEntity> due = jpa.call(em -> em.createQuery("SELECT c FROM ConsultationEntity c "
                + "WHERE c.encounterCloseDueMs IS NOT NULL AND c.encounterCloseDueMs <= :now "
                + "ORDER BY c.encounterCloseDueMs, c.id", ConsultationEntity.class).setParameter("now", now)
                .setMaxResults(CLOSE_BATCH).getResultList());
        int closed = 0;
        for (ConsultationEntity e : due) {
            if (attemptClose(e.getId(), e.getAppointmentId(), e.getPatientId(), e.getEncounterId())) {
                closed++;
            }
        }
        return closed;
    }

    /**
     * One attempt to close an owed encounter. Success clears the debt with one conditional UPDATE, which also decides
     * who writes the single audit record when the attempt at hang-up and the worker's both succeed; a failure keeps it
     * owed, with the reason on the consultation and the next attempt backed off (30 s doubling, at most 30 min).
     *
     * @return whether this attempt closed it
     */
    private boolean attemptClose(String id, String appointmentId, String patientId, String encounterId) {
        EmrRecord record = emr;
        String failure;
        if (record == null) {
            failure = NO_EMR;
        } else {
            try {
                record.close(appointmentId);
                failure = null;
            } catch (IllegalArgumentException refused) {
                // The EMR answered, and no: the visit is unknown to it (its patient erased, its encounter removed).
                // Asking again in 30 min would get the same answer forever.
                giveUpClose(id, patientId, encounterId, refused.getMessage() == null
                        ? refused.getClass().getSimpleName() : refused.getMessage());
                return false;
            } catch (RuntimeException failed) {
                // The EMR's reason may name the patient: kept on the consultation (shown to its host), not logged.
                LOG.warn("Consultation {} ended but its EMR encounter was not closed yet ({}); retried later", id,
                        failed.getClass().getSimpleName());
                failure = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
            }
        }
        long now = clock.millis();
        if (failure == null) {
            Boolean closed = jpa.callAudited(audit, em -> {
                int changed = update(em, "UPDATE telemedicine_consultation SET encounter_status = ?, "
                        + "encounter_note = NULL, encounter_close_due_ms = NULL, updated_ms = ? "
                        + "WHERE id = ? AND encounter_close_due_ms IS NOT NULL", ENCOUNTER_CLOSED, now, id);
                if (changed == 0) {
                    return new AuditedTransaction.Done<>(false, List.of());
                }
                int failures = em.find(ConsultationEntity.class, id).getEncounterCloseAttempts();
                return AuditedTransaction.Done.of(true, AuditEvent.of("CLOSE", ENCOUNTER).resourceId(id)
                        .patientId(patientId).detail("EMR encounter " + encounterId + " closed"
                                + (failures == 0 ? "" : " after " + failures + " failed attempt"
                                        + (failures == 1 ? "" : "s"))).build());
            });
            return Boolean.TRUE.equals(closed);
        }
        String reason = failure;
        jpa.call(em -> {
            ConsultationEntity e = em.find(ConsultationEntity.class, id);
            if (e == null || e.getEncounterCloseDueMs() == null) {
                return 0; // closed meanwhile by the other attempt, or erased
            }
            long backoff = CLOSE_RETRY.delayMs(e.getEncounterCloseAttempts() + 1);
            return update(em, "UPDATE telemedicine_consultation SET encounter_note = ?, "
                    + "encounter_close_attempts = encounter_close_attempts + 1, encounter_close_due_ms = ? "
                    + "WHERE id = ? AND encounter_close_due_ms IS NOT NULL",
                    truncate("encounter left open, closing it is retried: " + reason, 300), now + backoff, id);
        });
        return false;
    }

    /**
     * The EMR refused the close itself (not an outage): nothing more is owed, the reason stays on the consultation for
     * its host, and one FAILED audit record says so (the conditional UPDATE picks its writer if two attempts race).
     */
    private void giveUpClose(String id, String patientId, String encounterId, String reason) {
        LOG.warn("Consultation {}: the EMR refused to close encounter {}; not retried", id, encounterId);
        long now = clock.millis();
        jpa.callAudited(audit, em -> {
            int changed = update(em, "UPDATE telemedicine_consultation SET encounter_note = ?, "
                    + "encounter_close_attempts = encounter_close_attempts + 1, encounter_close_due_ms = NULL, "
                    + "updated_ms = ? WHERE id = ? AND encounter_close_due_ms IS NOT NULL",
                    truncate(CLOSE_REFUSED + reason, 300), now, id);
            if (changed == 0) {
                return new AuditedTransaction.Done<>(false, List.of());
            }
            return AuditedTransaction.Done.of(true, AuditEvent.of("CLOSE", ENCOUNTER).resourceId(id)
                    .patientId(patientId).outcome(AuditOutcome.FAILED)
                    .detail(truncate("EMR encounter " + encounterId + " not closed, refused: " + reason, 300))
                    .build());
        });
    }

    private ProblemException refused(String id, String action, ConsultationState needed) {
        ConsultationEntity e = jpa.call(em -> em.find(ConsultationEntity.class, id));
        if (e == null) {
            return ProblemException.notFound("Consultation", id);
        }
        audit.record(AuditEvent.of(action, RESOURCE).resourceId(id).patientId(e.getPatientId())
                .outcome(AuditOutcome.FAILED).detail("state " + e.getState()).build());
        return ProblemException.conflict("Consultation " + id + " is " + e.getState() + ", not " + needed);
    }

    /**
     * One conditional UPDATE in plain SQL on the transaction's connection, before the transaction reads the row: the
     * database decides the race (the second writer waits for the row lock and re-checks the WHERE). OpenJPA's JPQL bulk
     * update may evaluate such a condition in memory instead, which lets both racers win on PostgreSQL.
     */
    private static int update(EntityManager em, String sql, Object... params) {
        try (Connection c = JpaTransactions.connection(em); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("conditional update failed: " + e.getMessage(), e);
        }
    }

    private static String subject(String consultationId) {
        return "consultation:" + consultationId;
    }

    private static ConsultationState parseState(String s) {
        try {
            return ConsultationState.valueOf(s.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation("state must be one of SCHEDULED, WAITING, IN_CALL, ENDED, CANCELLED");
        }
    }

    // ---------------------------------------------------------------- the patient's own rooms

    public List<Consultation> mine() {
        String patientId = ownPatient("SEARCH");
        long now = clock.millis();
        List<Consultation> mine = jpa.call(em -> em.createQuery("SELECT c FROM ConsultationEntity c "
                + "WHERE c.patientId = :p ORDER BY c.scheduledStartMs DESC, c.id", ConsultationEntity.class)
                .setParameter("p", patientId).setMaxResults(200).getResultList().stream()
                .map(e -> Consultation.of(e, now)).collect(Collectors.toList()));
        audit.record(AuditEvent.of("SEARCH", RESOURCE).patientId(patientId).detail(mine.size() + " own").build());
        return mine;
    }

    public Consultation mine(String id) {
        ConsultationEntity e = own(id, "READ");
        audit.record(AuditEvent.of("READ", RESOURCE).resourceId(id).patientId(e.getPatientId()).build());
        return Consultation.of(e, clock.millis());
    }

    /** The patient enters the waiting room: SCHEDULED -> WAITING with the arrival time; again while waiting: no change. */
    public Consultation arrive(String id) {
        ConsultationEntity own = own(id, "ARRIVE");
        long now = clock.millis();
        Consultation waiting = jpa.callAudited(audit, em -> {
            int changed = update(em, "UPDATE telemedicine_consultation SET state = ?, arrived_ms = ?, updated_ms = ? "
                    + "WHERE id = ? AND state = ?", ConsultationState.WAITING.name(), now, now, id,
                    ConsultationState.SCHEDULED.name());
            ConsultationEntity e = em.find(ConsultationEntity.class, id);
            if (changed == 0 && e.getState() != ConsultationState.WAITING) {
                return new AuditedTransaction.Done<>(null, List.of());
            }
            return AuditedTransaction.Done.of(Consultation.of(e, now), AuditEvent.of("ARRIVE", RESOURCE)
                    .resourceId(id).patientId(e.getPatientId())
                    .detail(changed == 0 ? "already waiting" : "entered the waiting room").build());
        });
        if (waiting == null) {
            throw refused(id, "ARRIVE", ConsultationState.SCHEDULED);
        }
        return waiting;
    }

    private String ownPatient(String action) {
        Optional<String> patientId = CallerContext.require().patientId();
        if (patientId.isEmpty()) {
            String reason = "only a patient's own account has video consultations of its own";
            audit.record(AuditEvent.of(action, RESOURCE).outcome(AuditOutcome.DENIED).detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        return patientId.get();
    }

    /** The room if it is the caller's own: 404 unknown, 403 someone else's (audited DENIED). */
    private ConsultationEntity own(String id, String action) {
        String patientId = ownPatient(action);
        ConsultationEntity e = jpa.call(em -> em.find(ConsultationEntity.class, id));
        if (e == null) {
            throw ProblemException.notFound("Consultation", id);
        }
        if (!e.getPatientId().equals(patientId)) {
            audit.record(AuditEvent.of(action, RESOURCE).resourceId(id).patientId(e.getPatientId())
                    .outcome(AuditOutcome.DENIED).detail("another patient's consultation").build());
            throw ProblemException.forbidden("This consultation is not yours");
        }
        return e;
    }

    // ---------------------------------------------------------------- files shared in the call

    /** The host shares a file into the patient's EMR documents, linked to the consultation's encounter. */
    public SharedFile shareAsHost(String id, String title, String contentType, long contentLength, InputStream body) {
        Caller caller = CallerContext.require();
        ConsultationEntity e = existing(id);
        if (e.getState() == ConsultationState.IN_CALL && !caller.username().equals(e.getHostUsername())) {
            audit.record(AuditEvent.of("SHARE", FILE).resourceId(id).patientId(e.getPatientId())
                    .outcome(AuditOutcome.DENIED).detail("not the host").build());
            throw ProblemException.forbidden("Only the doctor hosting the call shares files in it");
        }
        return share(e, Participant.Role.HOST, title, contentType, contentLength, body);
    }

    /**
     * The patient shares a file from their own call; it lands in their EMR documents only with their explicit
     * consent ({@code consent=true}), else 400 and nothing is read.
     */
    public SharedFile shareAsPatient(String id, boolean consent, String title, String contentType, long contentLength,
            InputStream body) {
        ConsultationEntity e = own(id, "SHARE");
        if (!consent) {
            audit.record(AuditEvent.of("SHARE", FILE).resourceId(id).patientId(e.getPatientId())
                    .outcome(AuditOutcome.FAILED).detail("no consent to add the file to the record").build());
            throw new ProblemException(400, "consent-required", "Consent required", "A file you share is added to "
                    + "your health record: confirm that you agree (consent=true)");
        }
        return share(e, Participant.Role.PATIENT, title, contentType, contentLength, body);
    }

    /**
     * The checks every share passes before a byte is stored (in call, type allowed, size within the cap, the EMR
     * there), then the EMR's own attach: it stages the whole file and stores nothing unless its checks pass too.
     * The audit record names who shared which document, its type and size, never its content.
     */
    private SharedFile share(ConsultationEntity e, Participant.Role by, String title, String contentType,
            long contentLength, InputStream body) {
        String id = e.getId();
        if (e.getState() != ConsultationState.IN_CALL) {
            throw ProblemException.conflict("Consultation " + id + " is " + e.getState()
                    + ": files are shared during the call");
        }
        String name = title == null || title.isBlank() ? DEFAULT_FILE_TITLE : title.strip();
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.validation("title must be at most 200 characters, without control characters");
        }
        TelemedicineSettings.Values config = settings.values();
        String type = TelemedicineSettings.mediaType(contentType);
        if (type == null || !config.allowedFileTypes().contains(type)) {
            throw shareRefused(e, by, 415, "unsupported-media-type", "Unsupported media type", "Files shared in a "
                    + "call must be one of " + String.join(", ", config.allowedFileTypes()) + "; was "
                    + (type == null ? "none" : type) + " (send the raw file as the body, not multipart)");
        }
        if (contentLength > config.maxFileBytes()) {
            throw tooLarge(e, by, config.maxFileBytes());
        }
        EmrRecord record = emr;
        if (record == null) {
            throw shareRefused(e, by, 503, "emr-unavailable", "EMR not installed",
                    "Shared files are kept in the patient's EMR documents, and " + NO_EMR);
        }
        CappedInputStream capped = new CappedInputStream(body, config.maxFileBytes());
        String documentId;
        try {
            documentId = record.attach(e.getPatientId(), e.getEncounterId(), name, type, contentLength, capped);
        } catch (CappedInputStream.TooLarge over) {
            throw tooLarge(e, by, config.maxFileBytes());
        } catch (ProblemException refused) {
            audit.record(AuditEvent.of("SHARE", FILE).resourceId(id).patientId(e.getPatientId())
                    .outcome(AuditOutcome.FAILED).detail(by + " share refused by the EMR: " + refused.status())
                    .build());
            throw refused;
        }
        SharedFile out = new SharedFile();
        out.documentId = documentId;
        out.consultationId = id;
        out.encounterId = e.getEncounterId();
        out.title = name;
        out.contentType = type;
        out.sizeBytes = capped.count();
        out.sharedBy = by.name();
        audit.record(AuditEvent.of("SHARE", FILE).resourceId(id).patientId(e.getPatientId())
                .detail(by + " shared EMR document " + documentId + " (" + type + ", " + out.sizeBytes + " bytes)")
                .build());
        return out;
    }

    private ProblemException tooLarge(ConsultationEntity e, Participant.Role by, long max) {
        return shareRefused(e, by, 413, "payload-too-large", "File too large",
                "Files shared in a call may be at most " + max + " bytes");
    }

    private ProblemException shareRefused(ConsultationEntity e, Participant.Role by, int status, String type,
            String title, String detail) {
        audit.record(AuditEvent.of("SHARE", FILE).resourceId(e.getId()).patientId(e.getPatientId())
                .outcome(AuditOutcome.FAILED).detail(by + " share refused: " + status + " " + type).build());
        return new ProblemException(status, type, title, detail);
    }

    // ---------------------------------------------------------------- guest links

    /** A single-use link for one guest of a consultation not yet over; only its hash is stored. */
    public GuestLink createGuestLink(String id, GuestLinkRequest in) {
        TelemedicineSettings.Values config = settings.values();
        String label = in == null || in.guestLabel == null ? "" : in.guestLabel.trim();
        if (label.isEmpty() || label.length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.validation("guestLabel is required (at most 100 characters), e.g. \"Interpreter\"");
        }
        int minutes = in.validMinutes == null ? config.guestLinkDefaultMinutes() : in.validMinutes;
        if (minutes < 1 || minutes > config.guestLinkMaxMinutes()) {
            throw ProblemException.validation("validMinutes must be between 1 and " + config.guestLinkMaxMinutes());
        }
        Caller caller = CallerContext.require();
        long now = clock.millis();
        String token = Tokens.newToken();
        GuestLink link = jpa.callAudited(audit, em -> {
            ConsultationEntity e = em.find(ConsultationEntity.class, id);
            if (e == null) {
                throw ProblemException.notFound("Consultation", id);
            }
            if (e.getState().finished()) {
                throw ProblemException.conflict("Consultation " + id + " is " + e.getState());
            }
            if (e.getHostUsername() != null && !e.getHostUsername().equals(caller.username())) {
                throw ProblemException.forbidden("Only the doctor hosting the call invites guests");
            }
            GuestLinkEntity g = new GuestLinkEntity();
            g.setTokenHash(Tokens.hash(token));
            g.setConsultationId(id);
            g.setGuestLabel(label);
            g.setCreatedBy(caller.username());
            g.setCreatedMs(now);
            g.setExpiresMs(now + minutes * 60_000L);
            em.persist(g);
            GuestLink out = new GuestLink();
            out.consultationId = id;
            out.guestLabel = label;
            out.token = token;
            out.expiresAt = Consultation.iso(g.getExpiresMs());
            return AuditedTransaction.Done.of(out, AuditEvent.of("CREATE", GUEST_LINK).resourceId(id)
                    .patientId(e.getPatientId()).detail("guest link for " + label + ", " + minutes + " min").build());
        });
        return link;
    }

    /**
     * Redeems a link once: the first redemption before expiry gets a guest session bound to the consultation; another
     * gets 409 (used), 410 (expired) or 404 (unknown). Public: the guest has no account.
     */
    public GuestRedemption redeem(String token, String clientAddress) {
        if (!Tokens.wellFormed(token)) {
            throw ProblemException.validation("token is not a guest link token");
        }
        String hash = Tokens.hash(token);
        String session = Tokens.newToken();
        long now = clock.millis();
        long sessionEnds = now + settings.values().guestSessionMinutes() * 60_000L;
        Caller guest = Caller.inContainer("guest", java.util.Set.of(), clientAddress);
        GuestRedemption won = jpa.callAudited(audit, em -> {
            int changed = update(em, "UPDATE telemedicine_guest_link SET redeemed_ms = ?, redeemed_address = ?, "
                    + "session_hash = ?, session_expires_ms = ? "
                    + "WHERE token_hash = ? AND redeemed_ms IS NULL AND expires_ms > ?", now,
                    truncate(clientAddress, 64), Tokens.hash(session), sessionEnds, hash, now);
            if (changed == 0) {
                return new AuditedTransaction.Done<>(null, List.of());
            }
            GuestLinkEntity g = em.find(GuestLinkEntity.class, hash);
            ConsultationEntity e = em.find(ConsultationEntity.class, g.getConsultationId());
            if (e.getState().finished()) {
                throw new ProblemException(410, "consultation-ended", "Consultation over",
                        "This consultation is over");
            }
            GuestRedemption out = new GuestRedemption();
            out.guestSession = session;
            out.consultationId = e.getId();
            out.guestLabel = g.getGuestLabel();
            out.sessionExpiresAt = Consultation.iso(sessionEnds);
            return AuditedTransaction.Done.of(out, AuditEvent.of("REDEEM", GUEST_LINK).resourceId(e.getId())
                    .patientId(e.getPatientId()).detail("guest " + g.getGuestLabel()).build().as(guest));
        });
        if (won != null) {
            return won;
        }
        GuestLinkEntity g = jpa.call(em -> em.find(GuestLinkEntity.class, hash));
        if (g == null) {
            throw ProblemException.notFound("Guest link", "of this token");
        }
        audit.record(AuditEvent.of("REDEEM", GUEST_LINK).resourceId(g.getConsultationId())
                .outcome(AuditOutcome.DENIED).detail(g.getRedeemedMs() != null ? "already used" : "expired").build()
                .as(guest));
        if (g.getRedeemedMs() != null) {
            throw new ProblemException(409, "guest-link-used", "Link already used",
                    "This guest link has been used: ask the doctor for a new one");
        }
        throw new ProblemException(410, "guest-link-expired", "Link expired",
                "This guest link has expired: ask the doctor for a new one");
    }

    private static String truncate(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    // ---------------------------------------------------------------- joining the signalling

    /** The host of an IN_CALL consultation (the doctor who admitted the patient). */
    public SignalAccess hostAccess(String id) {
        Caller caller = CallerContext.require();
        ConsultationEntity e = existing(id);
        if (e.getState() != ConsultationState.IN_CALL) {
            throw ProblemException.conflict("Consultation " + id + " is " + e.getState() + ": admit the patient first");
        }
        if (!caller.username().equals(e.getHostUsername())) {
            audit.record(AuditEvent.of("JOIN", RESOURCE).resourceId(id).patientId(e.getPatientId())
                    .outcome(AuditOutcome.DENIED).detail("not the host").build());
            throw ProblemException.forbidden("Only the doctor who admitted the patient hosts the call");
        }
        return access(new Participant(id, Participant.Role.HOST, caller.username(), caller));
    }

    /** The patient, while waiting (to be told when admitted) or in the call. */
    public SignalAccess patientAccess(String id) {
        ConsultationEntity e = own(id, "JOIN");
        if (e.getState() != ConsultationState.WAITING && e.getState() != ConsultationState.IN_CALL) {
            throw ProblemException.conflict("Consultation " + id + " is " + e.getState()
                    + ": enter the waiting room first");
        }
        Caller caller = CallerContext.require();
        return access(new Participant(id, Participant.Role.PATIENT, caller.username(), caller));
    }

    /** A guest with a redeemed link's session, while the call is on. */
    public SignalAccess guestAccess(String guestSession, String clientAddress) {
        if (!Tokens.wellFormed(guestSession)) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "A guest session is required");
        }
        long now = clock.millis();
        List<GuestLinkEntity> found = jpa.call(em -> em.createQuery(
                "SELECT g FROM GuestLinkEntity g WHERE g.sessionHash = :s", GuestLinkEntity.class)
                .setParameter("s", Tokens.hash(guestSession)).getResultList());
        if (found.isEmpty() || found.get(0).getSessionExpiresMs() <= now) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", "This guest session is unknown or over");
        }
        GuestLinkEntity g = found.get(0);
        ConsultationEntity e = existing(g.getConsultationId());
        if (e.getState().finished()) {
            // Distinct from "not yet": the guest page stops waiting and says the call is over.
            throw new ProblemException(410, "consultation-ended", "Consultation over",
                    "The consultation is " + e.getState() + ": this guest session has ended with it");
        }
        if (e.getState() != ConsultationState.IN_CALL) {
            throw new ProblemException(409, "consultation-not-started", "Not started yet",
                    "The consultation is " + e.getState() + ": the doctor has not started it");
        }
        Caller guest = Caller.inContainer("guest:" + g.getGuestLabel(), java.util.Set.of(), clientAddress);
        return access(new Participant(e.getId(), Participant.Role.GUEST, g.getGuestLabel(), guest));
    }

    private SignalAccess access(Participant p) {
        TelemedicineSettings.Values config = settings.values();
        SignalAccess a = new SignalAccess();
        a.consultationId = p.consultationId();
        a.role = p.role().name();
        a.ticket = tickets.issue(p, config.signalTicketSeconds());
        a.path = SignallingEndpoint.PATH_PREFIX + p.consultationId() + "?ticket=" + a.ticket;
        a.expiresInSeconds = config.signalTicketSeconds();
        a.iceServers = new ArrayList<>(config.iceServers());
        return a;
    }

    private ConsultationEntity existing(String id) {
        ConsultationEntity e = jpa.call(em -> em.find(ConsultationEntity.class, id));
        if (e == null) {
            throw ProblemException.notFound("Consultation", id);
        }
        return e;
    }

    /** What the signalling endpoint checks again when the WebSocket opens: the state now, not at ticket time. */
    Optional<ConsultationState> state(String id) {
        return Optional.ofNullable(jpa.call(em -> em.find(ConsultationEntity.class, id))).map(ConsultationEntity::getState);
    }

    /** Records a signalling join or refusal: who, when (the record's time) and from which address. */
    void auditJoin(Participant p, String consultationId, AuditOutcome outcome, String detail) {
        ConsultationEntity e = jpa.call(em -> em.find(ConsultationEntity.class, consultationId));
        AuditEvent record = AuditEvent.of("JOIN", RESOURCE).resourceId(consultationId)
                .patientId(e == null ? null : e.getPatientId()).outcome(outcome).detail(detail).build();
        audit.record(record.as(p.caller()));
    }
}
