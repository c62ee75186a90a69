package org.pavilion.scheduling.internal.booking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.scheduling.api.AppointmentBooked;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentCompleted;
import org.pavilion.scheduling.api.AppointmentEvent;
import org.pavilion.scheduling.api.AppointmentNoShow;
import org.pavilion.scheduling.api.AppointmentRescheduled;
import org.pavilion.scheduling.api.PatientCheckedIn;
import org.pavilion.scheduling.api.VisitCostEstimator;
import org.pavilion.scheduling.internal.Inputs;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.schedule.SlotRules;
import org.pavilion.scheduling.internal.waitlist.OfferEntity;
import org.pavilion.scheduling.internal.waitlist.WaitingEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appointment lifecycle ({@link AppointmentBook}): each operation is one transaction in which the appointment row,
 * its slot holds ({@link SlotHolds}: the database refuses a second holder of any 5-minute unit), its history row and
 * its event and its audit record commit together. Status changes re-read the row and rely on
 * its version: two desks acting on one appointment at once end with one change and a 409 for the other.
 */
// No @Designate: SchedulingConfig's own pid designates it, and bnd refuses a second designate of that pid.
@Component(service = {AppointmentBook.class, Appointments.class}, configurationPid = SchedulingConfig.PID)
public class Appointments implements AppointmentBook {

    static final String BOOKED = "BOOKED";
    static final String CHECKED_IN = "CHECKED_IN";
    static final String COMPLETED = "COMPLETED";
    static final String CANCELLED = "CANCELLED";
    static final String NO_SHOW = "NO_SHOW";
    static final Set<String> STATUSES = Set.of(BOOKED, CHECKED_IN, COMPLETED, CANCELLED, NO_SHOW);

    private static final Logger LOG = LoggerFactory.getLogger(Appointments.class);
    private static final int MAX_TEXT = 500;
    private static final int CODE_ATTEMPTS = 3;

    /** The minutes of the configuration that decide check-in. */
    private record Windows(long graceMs, long noShowAfterMs, long kioskEarlyMs) {
        static Windows of(SchedulingConfig c) {
            return new Windows(c.checkInGraceMinutes() * 60_000L, c.noShowAfterMinutes() * 60_000L,
                    c.kioskEarlyMinutes() * 60_000L);
        }
    }

    /** What a status change leaves: its history row and its event. */
    private record Outcome(String historyAction, String historyDetail, String eventType, AppointmentEvent payload) {
    }

    @FunctionalInterface
    private interface Change {
        Outcome apply(EntityManager em, AppointmentEntity e, AppointmentViews views) throws SQLException;
    }

    private final JpaTransactions jpa;
    private final SlotRules rules;
    private final AuditService audit;
    private final EventPublisher events;
    private final PatientGate withoutEmr;
    private final LongSupplier clock;
    private final BookingCommits commits;
    private final DeclaredConstraints constraints;
    private volatile Windows windows;

    /** The EMR's answer while it is installed (EmrPatientGate); the department works without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    /** Billing's price list, when billing is installed: the estimate shown at booking. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile VisitCostEstimator estimator;

    /** The EMR's encounters (EmrEncounters), when the EMR is installed: opened at check-in. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EncounterOpener encounters;

    @Activate
    public Appointments(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference SlotRules rules, @Reference AuditService audit, @Reference EventPublisher events,
            SchedulingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, rules, audit, events, config, System::currentTimeMillis, constraints);
    }

    Appointments(EntityManagerFactory emf, SlotRules rules, AuditService audit, EventPublisher events,
            SchedulingConfig config, LongSupplier clock, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.jpa = new JpaTransactions(emf);
        this.rules = rules;
        this.audit = audit;
        this.events = events;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.clock = clock;
        this.windows = Windows.of(config);
        this.commits = new BookingCommits(emf, audit);
    }

    @Modified
    void modified(SchedulingConfig config) {
        this.windows = Windows.of(config);
    }

    /** The hospital's zone, in which REST reads wall-clock times and days. */
    public ZoneId zone() {
        return rules.zone();
    }

    PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /**
     * Runs {@code work} in one transaction whose commit also holds its audit record ({@code audited} of the result),
     * grouped with the bookings and changes made at the same moment ({@link BookingCommits}).
     */
    private <T> T callAudited(Function<EntityManager, T> work, Function<T, AuditEvent> audited) {
        return commits.call(null, work, audited);
    }

    @Deactivate
    void deactivate() {
        commits.close();
    }

    // ------------------------------------------------------------------------------------------ booking

    @Override
    public Appointment book(BookingRequest r) {
        // What BookingRequest declares, every broken rule in one 400, whichever face (REST, SOAP, HL7) booked.
        constraints.check(r);
        Channel channel = r.channel() == null ? Channel.DESK : r.channel();
        String actor = Gates.actor(channel.name().toLowerCase(Locale.ROOT));
        PatientGate.Allowed allowed = Gates.allow(gate(), r.patientId().strip(), Gates.BOOK, true, "CREATE");
        SlotRules.Slot slot;
        try {
            slot = r.externalSystem() == null
                    ? rules.slotAt(r.doctorId().strip(), r.serviceCode().strip(), r.visitType(), r.startsMs())
                    : rules.externalSlot(r.doctorId().strip(), r.serviceCode().strip(), r.visitType(),
                            r.startsMs(), r.endsMs());
        } catch (ProblemException refused) {
            audit.record(allowed.audit().outcome(AuditOutcome.FAILED).detail(refused.getMessage()).build());
            throw refused;
        }
        String patientId = allowed.mrn();
        Optional<VisitCostEstimator.Estimate> estimate = estimate(patientId, slot);
        String externalSystem = Inputs.blankToNull(r.externalSystem());
        String externalId = Inputs.blankToNull(r.externalId());
        for (int attempt = 1;; attempt++) {
            long now = clock.getAsLong();
            String id = UUID.randomUUID().toString();
            String bookingCode = BookingCodes.next();
            try {
                // The claim takes the time (a clash refuses this booking alone); the work writes it.
                return commits.call(em -> {
                    if (r.offerId() != null) {
                        releaseOffer(em, r.offerId(), slot, new HashSet<>(List.of(patientId, r.patientId().strip())), now);
                    }
                    hold(em, slot.doctorId(), slot.startsMs(), slot.endsMs(), id);
                }, em -> {
                    AppointmentEntity e = new AppointmentEntity(); // per run: a group's failure runs it again
                    e.setId(id);
                    e.setPatientId(patientId);
                    e.setDoctorId(slot.doctorId());
                    e.setServiceCode(slot.serviceCode());
                    e.setVisitType(slot.visitType());
                    e.setLocation(slot.location());
                    e.setStartsMs(slot.startsMs());
                    e.setEndsMs(slot.endsMs());
                    e.setStatus(BOOKED);
                    e.setBookingCode(bookingCode);
                    e.setReason(Inputs.blankToNull(r.reason()));
                    // What the patient will pay: their share when insurance pays part, else the whole price.
                    e.setEstimatedCost(estimate.map(x -> x.patientShare() != null ? x.patientShare() : x.total())
                            .orElse(null));
                    e.setCurrency(estimate.map(VisitCostEstimator.Estimate::currency).orElse(null));
                    e.setChannel(channel.name());
                    e.setBookedBy(actor);
                    e.setBookedMs(now);
                    e.setUpdatedMs(now);
                    e.setExternalSystem(externalSystem);
                    e.setExternalId(externalId);
                    em.persist(e);
                    em.flush();
                    history(em, id, "BOOKED", channel + (r.offerId() == null ? "" : ", offer " + r.offerId())
                            + (externalId == null ? "" : ", " + externalSystem + " " + externalId), actor, now);
                    AppointmentViews views = new AppointmentViews(em, zone()).knowing(slot.doctorId(),
                            slot.serviceCode(), new AppointmentViews.Names(slot.doctorName(), slot.specialty(),
                                    slot.serviceName()));
                    AppointmentBooked p = views.event(new AppointmentBooked(), e, channel.name(), actor);
                    p.bookingCode = bookingCode;
                    p.estimatedCost = e.getEstimatedCost() == null ? null : e.getEstimatedCost().toPlainString();
                    p.currency = e.getCurrency();
                    events.publish(em, AppointmentBooked.TYPE, subject(id), p);
                    return views.dto(e);
                }, done -> allowed.audit().resourceId(done.id).detail(done.localStart + " with " + done.doctorId)
                        .build());
            } catch (ProblemException refused) {
                audit.record(allowed.audit().outcome(AuditOutcome.FAILED).detail(refused.getMessage()).build());
                throw refused;
            } catch (PersistenceException failed) {
                String what = messages(failed);
                if (SlotHolds.isUniqueViolation(failed) && what.contains("code_uq") && attempt < CODE_ATTEMPTS) {
                    continue; // two codes alike in 10^12: draw again
                }
                if (SlotHolds.isUniqueViolation(failed) && what.contains("external_uq")) {
                    String reason = externalSystem + " appointment " + externalId + " is booked already";
                    audit.record(allowed.audit().outcome(AuditOutcome.FAILED).detail(reason).build());
                    throw ProblemException.conflict(reason);
                }
                throw failed;
            }
        }
    }

    private Optional<VisitCostEstimator.Estimate> estimate(String patientId, SlotRules.Slot slot) {
        VisitCostEstimator e = estimator;
        if (e == null) {
            return Optional.empty();
        }
        try {
            return e.estimate(new VisitCostEstimator.Visit(patientId, slot.doctorId(), slot.specialty(),
                    slot.serviceCode(), slot.visitType(), LocalDate.ofInstant(Instant.ofEpochMilli(slot.startsMs()),
                            zone())));
        } catch (RuntimeException billingFailed) {
            // An estimate is information, not a condition of the booking.
            LOG.warn("No cost estimate for {} at {}: {}", slot.serviceCode(), slot.startsMs(), billingFailed.toString());
            return Optional.empty();
        }
    }

    /** A waiting-list offer's time, taken over by the patient it was offered to (its holds become the booking's). */
    private void releaseOffer(EntityManager em, String offerId, SlotRules.Slot slot, Set<String> patientIds,
            long now) {
        OfferEntity offer = em.find(OfferEntity.class, offerId);
        if (offer == null) {
            throw ProblemException.notFound("Offer", offerId);
        }
        WaitingEntity waiting = em.find(WaitingEntity.class, offer.getWaitingId());
        // The patient as the request names them, or the MRN they are filed under now (a merge's survivor).
        if (waiting == null || !patientIds.contains(waiting.getPatientId())) {
            throw ProblemException.forbidden("offer " + offerId + " was made to another patient");
        }
        if (!"OPEN".equals(offer.getStatus()) || offer.getExpiresMs() <= now) {
            throw ProblemException.conflict("offer " + offerId + " is no longer open");
        }
        if (!offer.getDoctorId().equals(slot.doctorId()) || offer.getStartsMs() != slot.startsMs()
                || offer.getEndsMs() < slot.endsMs()) {
            throw ProblemException.validation("offer " + offerId + " is for another time");
        }
        try (Connection c = JpaTransactions.connection(em)) {
            SlotHolds.release(c, "offer:" + offerId);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ changes

    /** The desk's and the portal's reschedule: the body's declared rules, then its start in the hospital's zone. */
    public Appointment reschedule(String id, Bodies.Reschedule in, Channel channel) {
        constraints.check(in);
        return reschedule(id, in.doctorId, Times.parse(in.start, zone(), "start"), null, channel);
    }

    @Override
    public Appointment reschedule(String id, String doctorId, long startsMs, Long endsMs, Channel channel) {
        AppointmentEntity current = load(id);
        PatientGate.Allowed allowed = Gates.allow(gate(), current.getPatientId(), Gates.BOOK, true, "UPDATE");
        requireStatus(current, BOOKED, "rescheduled", allowed);
        String toDoctor = Inputs.blankToNull(doctorId) == null ? current.getDoctorId() : doctorId.strip();
        SlotRules.Slot slot;
        try {
            slot = current.getExternalSystem() != null && endsMs != null
                    ? rules.externalSlot(toDoctor, current.getServiceCode(), current.getVisitType(), startsMs, endsMs)
                    : rules.slotAt(toDoctor, current.getServiceCode(), current.getVisitType(), startsMs);
        } catch (ProblemException refused) {
            audit.record(allowed.audit().resourceId(id).outcome(AuditOutcome.FAILED).detail(refused.getMessage())
                    .build());
            throw refused;
        }
        String actor = Gates.actor(name(channel));
        return change(current, allowed, (em, e, views) -> {
            requireStatus(e, BOOKED, "rescheduled", null);
            AppointmentRescheduled p = new AppointmentRescheduled();
            p.previousStart = Times.instant(e.getStartsMs());
            p.previousEnd = Times.instant(e.getEndsMs());
            p.previousDoctorId = e.getDoctorId();
            p.previousLocalStart = Times.local(e.getStartsMs(), zone());
            // Old time freed and new time taken in this transaction: on a clash it rolls back and nothing moved.
            try (Connection c = JpaTransactions.connection(em)) {
                SlotHolds.release(c, e.getId());
            }
            hold(em, slot.doctorId(), slot.startsMs(), slot.endsMs(), e.getId());
            e.setDoctorId(slot.doctorId());
            e.setLocation(slot.location());
            e.setStartsMs(slot.startsMs());
            e.setEndsMs(slot.endsMs());
            String detail = "from " + p.previousLocalStart + (p.previousDoctorId.equals(slot.doctorId()) ? ""
                    : " (doctor " + p.previousDoctorId + ")") + " to " + Times.local(slot.startsMs(), zone())
                    + (p.previousDoctorId.equals(slot.doctorId()) ? "" : " (doctor " + slot.doctorId() + ")");
            return new Outcome("RESCHEDULED", detail, AppointmentRescheduled.TYPE,
                    views.event(p, e, name(channel), actor));
        });
    }

    @Override
    public Appointment cancel(String id, String reason, Channel channel) {
        // REST, SOAP and HL7 cancel here: the reason is checked as the REST body declares it.
        constraints.check(Bodies.Cancel.of(reason));
        AppointmentEntity current = load(id);
        PatientGate.Allowed allowed = Gates.allow(gate(), current.getPatientId(), Gates.BOOK, true, "UPDATE");
        if (CANCELLED.equals(current.getStatus())) {
            return unchanged(current, allowed);
        }
        requireStatus(current, BOOKED, "cancelled", allowed);
        String actor = Gates.actor(name(channel));
        return change(current, allowed, (em, e, views) -> {
            requireStatus(e, BOOKED, "cancelled", null);
            try (Connection c = JpaTransactions.connection(em)) {
                SlotHolds.release(c, e.getId());
            }
            e.setStatus(CANCELLED);
            e.setCancelReason(Inputs.blankToNull(reason));
            AppointmentCancelled p = views.event(new AppointmentCancelled(), e, name(channel), actor);
            p.reason = e.getCancelReason();
            return new Outcome("CANCELLED", e.getCancelReason(), AppointmentCancelled.TYPE, p);
        });
    }

    @Override
    public Appointment checkIn(String id, Channel channel) {
        AppointmentEntity current = load(id);
        PatientGate.Allowed allowed = Gates.allow(gate(), current.getPatientId(), Gates.CHECK_IN, true, "UPDATE");
        if (CHECKED_IN.equals(current.getStatus())) {
            return unchanged(current, allowed);
        }
        requireStatus(current, BOOKED, "checked in", allowed);
        return checkIn(current, allowed, name(channel), Gates.actor(name(channel)));
    }

    @Override
    public Appointment checkInByCode(String bookingCode) {
        constraints.check(Bodies.KioskCheckIn.of(bookingCode));
        String code = BookingCodes.normalise(bookingCode);
        AppointmentEntity current = code.isEmpty() ? null : jpa.call(em -> em.createQuery(
                "SELECT a FROM AppointmentEntity a WHERE a.bookingCode = :c", AppointmentEntity.class)
                .setParameter("c", code).getResultList().stream().findFirst().orElse(null));
        if (current == null) {
            throw ProblemException.notFound("Booking code", code);
        }
        // The code is the patient's credential here: no account, so no gate; the trail names the patient.
        PatientGate.Allowed allowed = new PatientGate.Allowed(current.getPatientId(),
                AuditEvent.of("UPDATE", "appointment").patientId(current.getPatientId()));
        if (CHECKED_IN.equals(current.getStatus())) {
            return unchanged(current, allowed);
        }
        requireStatus(current, BOOKED, "checked in", allowed);
        long now = clock.getAsLong();
        Windows w = windows;
        if (now < current.getStartsMs() - w.kioskEarlyMs()) {
            throw refused(allowed, current, ProblemException.conflict("Check-in opens at "
                    + Times.local(current.getStartsMs() - w.kioskEarlyMs(), zone()).substring(11)));
        }
        if (now > current.getStartsMs() + w.noShowAfterMs()) {
            throw refused(allowed, current, ProblemException.conflict(
                    "Too late to check in here: please see the reception desk"));
        }
        return checkIn(current, allowed, Channel.PORTAL.name(), Gates.actor("kiosk"));
    }

    /**
     * Checks in, opening the EMR encounter first (idempotent on the appointment's id, so a retry finds the same one).
     * An EMR that refuses (an identifier it does not hold) does not keep the patient waiting: noted in the history.
     */
    private Appointment checkIn(AppointmentEntity current, PatientGate.Allowed allowed, String channel,
            String actor) {
        long now = clock.getAsLong();
        boolean late = now > current.getStartsMs() + windows.graceMs();
        String encounterId = null;
        String emrNote = null;
        EncounterOpener emr = encounters;
        if (emr != null) {
            AppointmentViews.Names names = jpa.call(em -> new AppointmentViews(em, zone()).names(current));
            try {
                encounterId = emr.open(new EncounterOpener.Visit(allowed.mrn(), current.getId(),
                        current.getVisitType(), current.getReason(), current.getDoctorId(), names.doctorName()));
            } catch (RuntimeException refused) {
                // The EMR's reason names the patient: kept in the appointment's history, not in the log.
                LOG.warn("Appointment {} checked in without an EMR encounter ({}); see its history", current.getId(),
                        refused.getClass().getSimpleName());
                emrNote = "no EMR encounter: " + refused.getMessage();
            }
        }
        String encounter = encounterId;
        String note = emrNote;
        return change(current, allowed, (em, e, views) -> {
            requireStatus(e, BOOKED, "checked in", null);
            e.setStatus(CHECKED_IN);
            e.setLate(late);
            e.setCheckedInMs(now);
            e.setEncounterId(encounter);
            PatientCheckedIn p = views.event(new PatientCheckedIn(), e, channel, actor);
            p.checkedInAt = Times.instant(now);
            p.late = late;
            p.encounterId = encounter;
            String detail = (late ? "late" : "on time") + (encounter == null ? "" : ", encounter " + encounter)
                    + (note == null ? "" : "; " + note);
            return new Outcome("CHECKED_IN", detail, PatientCheckedIn.TYPE, p);
        });
    }

    @Override
    public Appointment complete(String id) {
        AppointmentEntity current = load(id);
        PatientGate.Allowed allowed = Gates.allow(gate(), current.getPatientId(), Gates.COMPLETE, true, "UPDATE");
        if (COMPLETED.equals(current.getStatus())) {
            return unchanged(current, allowed);
        }
        requireStatus(current, CHECKED_IN, "completed", allowed);
        String channel = name(null);
        String actor = Gates.actor("system");
        return change(current, allowed, (em, e, views) -> {
            requireStatus(e, CHECKED_IN, "completed", null);
            e.setStatus(COMPLETED);
            return new Outcome("COMPLETED", null, AppointmentCompleted.TYPE,
                    views.event(new AppointmentCompleted(), e, channel, actor));
        });
    }

    @Override
    public Appointment markNoShow(String id, Channel channel) {
        AppointmentEntity current = load(id);
        PatientGate.Allowed allowed = Gates.allow(gate(), current.getPatientId(), Gates.CHECK_IN, true, "UPDATE");
        if (NO_SHOW.equals(current.getStatus())) {
            return unchanged(current, allowed);
        }
        requireStatus(current, BOOKED, "marked as a no-show", allowed);
        if (clock.getAsLong() <= current.getStartsMs()) {
            throw refused(allowed, current, ProblemException.conflict(
                    "The appointment has not started yet: it cannot be a no-show"));
        }
        String actor = Gates.actor(name(channel));
        // The holds stay: the time is past, and the history shows whose it was.
        return change(current, allowed, (em, e, views) -> {
            requireStatus(e, BOOKED, "marked as a no-show", null);
            e.setStatus(NO_SHOW);
            return new Outcome("NO_SHOW", null, AppointmentNoShow.TYPE,
                    views.event(new AppointmentNoShow(), e, name(channel), actor));
        });
    }

    // ------------------------------------------------------------------------------------------ reads

    @Override
    public Appointment get(String id) {
        AppointmentEntity e = load(id);
        PatientGate.Allowed allowed = Gates.allow(gate(), e.getPatientId(), Gates.VIEW, false, "READ");
        Appointment a = jpa.call(em -> new AppointmentViews(em, zone()).dto(e));
        audit.record(allowed.audit().resourceId(id).build());
        return a;
    }

    @Override
    public Optional<Appointment> byExternalId(String externalSystem, String externalId) {
        if (Inputs.blankToNull(externalSystem) == null || Inputs.blankToNull(externalId) == null) {
            return Optional.empty();
        }
        List<AppointmentEntity> found = jpa.call(em -> em.createQuery("SELECT a FROM AppointmentEntity a "
                + "WHERE a.externalSystem = :s AND a.externalId = :i", AppointmentEntity.class)
                .setParameter("s", externalSystem.strip()).setParameter("i", externalId.strip()).getResultList());
        return found.isEmpty() ? Optional.empty() : Optional.of(get(found.get(0).getId()));
    }

    // ------------------------------------------------------------------------------------------ helpers

    AppointmentEntity load(String id) {
        AppointmentEntity e = id == null || id.isBlank() ? null
                : jpa.call(em -> em.find(AppointmentEntity.class, id.strip()));
        if (e == null) {
            throw ProblemException.notFound("Appointment", id);
        }
        return e;
    }

    /**
     * One status change in one transaction: the row re-read (the version it was checked at, or 409), changed,
     * flushed (the version check), its history row, event and audit record written.
     */
    private Appointment change(AppointmentEntity loaded, PatientGate.Allowed allowed, Change change) {
        String actor = Gates.actor("system");
        try {
            return callAudited(em -> {
                AppointmentEntity e = em.find(AppointmentEntity.class, loaded.getId());
                if (e == null || e.getVersion() != loaded.getVersion()) {
                    throw changedMeanwhile();
                }
                AppointmentViews views = new AppointmentViews(em, zone());
                Outcome o;
                try {
                    o = change.apply(em, e, views);
                } catch (SQLException ex) {
                    throw new PersistenceException(ex);
                }
                long now = clock.getAsLong();
                e.setUpdatedMs(now);
                em.flush();
                history(em, e.getId(), o.historyAction(), o.historyDetail(), o.payload().actor, now);
                events.publish(em, o.eventType(), subject(e.getId()), o.payload());
                return views.dto(e);
            }, done -> allowed.audit().resourceId(done.id).detail(done.status + " by " + actor).build());
        } catch (ProblemException refused) {
            throw refused(allowed, loaded, refused);
        } catch (PersistenceException failed) {
            if (isOptimisticFailure(failed)) {
                throw refused(allowed, loaded, changedMeanwhile());
            }
            throw failed;
        }
    }

    private Appointment unchanged(AppointmentEntity e, PatientGate.Allowed allowed) {
        Appointment a = jpa.call(em -> new AppointmentViews(em, zone()).dto(e));
        audit.record(allowed.audit().resourceId(e.getId()).detail(e.getStatus() + " already").build());
        return a;
    }

    private void requireStatus(AppointmentEntity e, String status, String verb, PatientGate.Allowed allowed) {
        if (!status.equals(e.getStatus())) {
            ProblemException p = ProblemException.conflict("A " + e.getStatus().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + " appointment cannot be " + verb + " (only a " + status.toLowerCase(
                            Locale.ROOT).replace('_', ' ') + " one can)");
            throw allowed == null ? p : refused(allowed, e, p);
        }
    }

    private ProblemException refused(PatientGate.Allowed allowed, AppointmentEntity e, ProblemException p) {
        audit.record(allowed.audit().resourceId(e.getId()).outcome(AuditOutcome.FAILED).detail(p.getMessage())
                .build());
        return p;
    }

    private static ProblemException changedMeanwhile() {
        return ProblemException.conflict("The appointment was changed by someone else meanwhile: reload it");
    }

    /** Holds the time; a lock wait the database gave up on is the same clash seen a moment earlier. */
    private static void hold(EntityManager em, String doctorId, long startsMs, long endsMs, String holder) {
        try (Connection c = JpaTransactions.connection(em)) {
            SlotHolds.hold(c, doctorId, startsMs, endsMs, holder);
        } catch (SQLException e) {
            if (isLockFailure(e)) {
                throw ProblemException.conflict("The doctor is being booked at that time by another request");
            }
            throw new PersistenceException(e);
        }
    }

    /**
     * One history row. Its time is after the appointment's previous row even within one millisecond (or a clock set
     * back): the rows' order is the order of the changes.
     */
    private static void history(EntityManager em, String appointmentId, String action, String detail, String actor,
            long nowMs) {
        long atMs = nowMs;
        if (!"BOOKED".equals(action)) {
            Long last = em.createQuery("SELECT MAX(h.atMs) FROM AppointmentHistoryEntity h WHERE h.appointmentId = :a",
                    Long.class).setParameter("a", appointmentId).getSingleResult();
            atMs = last == null ? nowMs : Math.max(nowMs, last + 1);
        }
        AppointmentHistoryEntity h = new AppointmentHistoryEntity();
        h.setId(UUID.randomUUID().toString());
        h.setAppointmentId(appointmentId);
        h.setAction(action);
        h.setDetail(detail == null || detail.length() <= MAX_TEXT ? detail : detail.substring(0, MAX_TEXT));
        h.setActor(actor.length() <= 64 ? actor : actor.substring(0, 64));
        h.setAtMs(atMs);
        em.persist(h);
    }

    static String subject(String appointmentId) {
        return "appointment:" + appointmentId;
    }

    private static String name(Channel channel) {
        if (channel != null) {
            return channel.name();
        }
        return Gates.patientAccount() ? Channel.PORTAL.name()
                : CallerContext.current().isPresent() ? Channel.DESK.name()
                        : Channel.SYSTEM.name();
    }

    /** Every message down the cause chain, lower case: which constraint a unique violation names. */
    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c.getMessage()).append('\n');
            if (c instanceof SQLException sql && sql.getNextException() != null) {
                all.append(sql.getNextException().getMessage()).append('\n');
            }
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isOptimisticFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** H2's lock timeout (HYT00) or a deadlock/serialization failure (40001, 40P01). */
    private static boolean isLockFailure(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ("HYT00".equals(state) || "40001".equals(state) || "40P01".equals(state)) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && cause != e && isLockFailure(cause);
    }
}
