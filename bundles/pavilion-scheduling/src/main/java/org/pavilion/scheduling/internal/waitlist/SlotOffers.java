package org.pavilion.scheduling.internal.waitlist;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.scheduling.api.SlotOffered;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;
import org.pavilion.scheduling.internal.booking.AppointmentBook.BookingRequest;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.booking.SlotHolds;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers of freed slots to the waiting list. A freed slot goes to the oldest suitable WAITING entry (same service,
 * its doctor or none, the slot's day within its days, the slot still ahead) that has not had this slot before; the
 * offer, its hold on the slot ({@code offer:<id>} in {@link SlotHolds}), the entry's OFFERED status and the SlotOffered
 * event commit together. Accepting books through {@link AppointmentBook}; declining or letting it lapse frees the hold,
 * puts the entry back in its place and offers the slot to the next entry at once.
 *
 * <p>Two offers racing for one entry: the entry's version lets one commit, the other retries with the next entry.
 * A slot someone booked meanwhile: the hold answers 409 and nothing is written.
 */
@Component(service = SlotOffers.class)
public class SlotOffers {

    static final String OPEN = "OPEN";
    static final String ACCEPTED = "ACCEPTED";
    static final String DECLINED = "DECLINED";
    static final String EXPIRED = "EXPIRED";
    static final String HOLDER_PREFIX = "offer:";

    /**
     * Offers an entry may let lapse unanswered before it leaves the list (REMOVED): each one kept a freed slot from
     * everybody for the offer time. Declining is an answer and keeps the entry's place however often.
     */
    static final int MAX_UNANSWERED = 2;

    private static final int RACE_RETRIES = 5;
    private static final Set<String> RACE_STATES = Set.of("40001", "40P01", "90131", "HYT00");
    private static final Logger LOG = LoggerFactory.getLogger(SlotOffers.class);

    private final JpaTransactions jpa;
    private final WaitingList list;
    private final AuditService audit;
    private final EventPublisher events;
    private final AppointmentBook book;
    private final Clock clock;
    // Tolerate fields added to the payload by newer publishers.
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Activate
    public SlotOffers(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference WaitingList list, @Reference AuditService audit, @Reference EventPublisher events,
            @Reference AppointmentBook book) {
        this(emf, list, audit, events, book, Clock.systemUTC());
    }

    SlotOffers(EntityManagerFactory emf, WaitingList list, AuditService audit, EventPublisher events,
            AppointmentBook book, Clock clock) {
        this.jpa = new JpaTransactions(emf);
        this.list = list;
        this.audit = audit;
        this.events = events;
        this.book = book;
        this.clock = clock;
    }

    /**
     * What the event route calls with each AppointmentCancelled or AppointmentRescheduled: offers the freed slot.
     * Safe to deliver twice: an OPEN offer of the same doctor and start means it was offered already.
     */
    public Optional<Offer> onAppointmentEvent(String type, String payloadJson) throws IOException {
        Optional<FreedSlot> slot = FreedSlot.fromEvent(type, json.readTree(payloadJson));
        return slot.isPresent() ? offer(slot.get()) : Optional.empty();
    }

    /** Offers {@code slot} to the first suitable waiting entry; empty when nobody suits or the time is taken. */
    Optional<Offer> offer(FreedSlot slot) {
        long now = clock.millis();
        if (slot.startsMs() <= now) {
            return Optional.empty();
        }
        Optional<Made> made;
        try {
            made = retryingRaces(em -> {
                Optional<Made> m = offerIn(em, slot, now);
                return new Done<>(m, m.map(x -> List.of(AuditEvent.of("CREATE", "appointment")
                        .patientId(x.entry.getPatientId()).resourceId(x.offer.getId())
                        .detail("slot offered from the waiting list, until " + Times.instant(x.offer.getExpiresMs()))
                        .build())).orElse(List.of()));
            });
        } catch (ProblemException e) {
            if (e.status() == 409) {
                return Optional.empty(); // booked (or offered) by someone meanwhile: not free any more
            }
            throw e;
        }
        return made.map(m -> m.view);
    }

    private record Made(OfferEntity offer, WaitingEntity entry, Offer view) {
    }

    private Optional<Made> offerIn(EntityManager em, FreedSlot slot, long now) {
        try (Connection c = JpaTransactions.connection(em)) { // every read below in the database transaction
            long open = em.createQuery("SELECT COUNT(o) FROM OfferEntity o WHERE o.doctorId = :d"
                    + " AND o.startsMs = :s AND o.status = 'OPEN'", Long.class)
                    .setParameter("d", slot.doctorId()).setParameter("s", slot.startsMs()).getSingleResult();
            if (open > 0) {
                return Optional.empty(); // the same freed slot again (redelivery): offered already
            }
            String day = LocalDate.ofInstant(Instant.ofEpochMilli(slot.startsMs()), zone()).toString();
            // First come, first served among the suitable; an entry that had this slot offered before is passed over.
            List<WaitingEntity> first = em.createQuery("SELECT w FROM WaitingEntity w WHERE w.status = 'WAITING'"
                    + " AND w.serviceCode = :service AND (w.doctorId IS NULL OR w.doctorId = :d)"
                    + " AND w.fromDay <= :day AND w.toDay >= :day AND NOT EXISTS (SELECT o FROM OfferEntity o"
                    + " WHERE o.waitingId = w.id AND o.doctorId = :d AND o.startsMs = :s)"
                    + " ORDER BY w.createdMs, w.id", WaitingEntity.class)
                    .setParameter("service", slot.serviceCode()).setParameter("d", slot.doctorId())
                    .setParameter("day", day).setParameter("s", slot.startsMs()).setMaxResults(1).getResultList();
            if (first.isEmpty()) {
                return Optional.empty();
            }
            WaitingEntity w = first.get(0);
            OfferEntity o = new OfferEntity();
            o.setId(UUID.randomUUID().toString());
            o.setWaitingId(w.getId());
            o.setDoctorId(slot.doctorId());
            o.setLocation(slot.location());
            o.setStartsMs(slot.startsMs());
            o.setEndsMs(slot.endsMs());
            o.setExpiresMs(Math.min(now + list.settings().offerMs(), slot.startsMs()));
            o.setStatus(OPEN);
            o.setCreatedMs(now);
            SlotHolds.hold(c, slot.doctorId(), slot.startsMs(), slot.endsMs(), HOLDER_PREFIX + o.getId());
            w.setStatus(WaitingList.OFFERED); // its version makes a second offer racing for it fail at commit
            w.setUpdatedMs(now);
            em.persist(o);
            Offer view = view(em, o, w);
            events.publish(em, SlotOffered.TYPE, "waiting:" + w.getId(), payload(view));
            return Optional.of(new Made(o, w, view));
        } catch (SQLException e) {
            throw new PersistenceException("could not hold the offered slot", e);
        }
    }

    /**
     * The patient (own) or the desk accepts: books the slot through the booking part, which releases the offer's
     * hold and books in its own transaction; then the offer is ACCEPTED and the entry BOOKED. Should that last step
     * fail after the booking committed, a retry finds the appointment through the slot's hold (its holder is the
     * appointment, of this patient) and completes the bookkeeping instead of booking again.
     */
    public Appointment accept(String offerId, boolean own) {
        Loaded l = load(offerId, own, "UPDATE");
        OfferEntity o = l.offer;
        WaitingEntity w = l.entry;
        if (ACCEPTED.equals(o.getStatus()) && w.getAppointmentId() != null) {
            return book.get(w.getAppointmentId());
        }
        Optional<String> booked = jpa.call(em -> bookedFor(em, o, w));
        if (booked.isPresent()) {
            return finish(o, w, booked.get(), l.allowed);
        }
        if (!OPEN.equals(o.getStatus())) {
            throw ProblemException.conflict("The offer was " + o.getStatus().toLowerCase() + " already");
        }
        if (clock.millis() >= o.getExpiresMs()) {
            throw ProblemException.conflict("The offer lapsed at " + Times.instant(o.getExpiresMs()));
        }
        Appointment a;
        try {
            a = book.book(new BookingRequest(w.getPatientId(), o.getDoctorId(), w.getServiceCode(), w.getVisitType(),
                    o.getStartsMs(), null, w.getNote(), own ? Channel.PORTAL : Channel.DESK, null, null, o.getId()));
        } catch (ProblemException e) {
            // Accepted twice at once: the other acceptance booked it for this very patient.
            Optional<String> mine = e.status() == 409 ? jpa.call(em -> bookedFor(em, o, w)) : Optional.empty();
            if (mine.isPresent()) {
                return finish(o, w, mine.get(), l.allowed);
            }
            throw e;
        }
        finish(o, w, a.id, l.allowed);
        return a;
    }

    private Appointment finish(OfferEntity offer, WaitingEntity entry, String appointmentId,
            PatientGate.Allowed allowed) {
        retryingRaces(em -> {
            OfferEntity o = em.find(OfferEntity.class, offer.getId());
            WaitingEntity w = em.find(WaitingEntity.class, entry.getId());
            // ACCEPTED even if the timer let it lapse meanwhile: the booking stands, so the entry is served.
            o.setStatus(ACCEPTED);
            w.setStatus(WaitingList.BOOKED);
            w.setAppointmentId(appointmentId);
            w.setUpdatedMs(clock.millis());
            return Done.of(null, allowed.audit().resourceId(offer.getId())
                    .detail("offer accepted: appointment " + appointmentId).build());
        });
        return book.get(appointmentId);
    }

    /** The appointment of this entry's patient that holds the offered time, if the booking went through. */
    private Optional<String> bookedFor(EntityManager em, OfferEntity o, WaitingEntity w) {
        String holder = null;
        try (Connection c = JpaTransactions.connection(em); PreparedStatement q = c.prepareStatement(
                "SELECT holder FROM sched_slot_hold WHERE doctor_id = ? AND unit_ms = ?")) {
            q.setString(1, o.getDoctorId());
            q.setLong(2, SlotHolds.firstUnit(o.getStartsMs()));
            try (ResultSet rs = q.executeQuery()) {
                holder = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not read the slot's holder", e);
        }
        if (holder == null || holder.startsWith(HOLDER_PREFIX)) {
            return Optional.empty();
        }
        AppointmentEntity a = em.find(AppointmentEntity.class, holder);
        return a != null && a.getPatientId().equals(w.getPatientId()) && a.getStartsMs() == o.getStartsMs()
                ? Optional.of(a.getId()) : Optional.empty();
    }

    /** The patient (own) or the desk declines: the entry keeps its place, the slot goes to the next at once. */
    public Offer decline(String offerId, boolean own) {
        Loaded l = load(offerId, own, "UPDATE");
        if (DECLINED.equals(l.offer.getStatus())) {
            return l.view;
        }
        Offer view = close(l.offer.getId(), DECLINED, own,
                w -> l.allowed.audit().resourceId(offerId).detail("offer declined").build());
        handOn(l.offer, l.entry);
        return view;
    }

    /** Lets every OPEN offer past its deadline lapse, handing each slot on; what the timer route calls. */
    public int expireDue() {
        long now = clock.millis();
        List<String> due = jpa.call(em -> em.createQuery("SELECT o.id FROM OfferEntity o WHERE o.status = 'OPEN'"
                + " AND o.expiresMs <= :now ORDER BY o.expiresMs", String.class).setParameter("now", now)
                .getResultList());
        int expired = 0;
        for (String id : due) {
            try {
                OfferEntity o = jpa.call(em -> em.find(OfferEntity.class, id));
                WaitingEntity w = jpa.call(em -> em.find(WaitingEntity.class, o.getWaitingId()));
                close(id, EXPIRED, false, entry -> AuditEvent.of("UPDATE", "appointment")
                        .patientId(entry.getPatientId()).resourceId(id).detail("offer lapsed unanswered").build());
                expired++;
                handOn(o, w);
            } catch (ProblemException e) {
                LOG.debug("offer {} was answered meanwhile: {}", id, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("could not let offer {} lapse; trying again on the next run", id, e);
            }
        }
        return expired;
    }

    /**
     * Closes an OPEN offer (DECLINED or EXPIRED), frees its hold and puts its entry back on the list (REMOVED after
     * {@link #MAX_UNANSWERED} lapsed offers); 409 when it was answered meanwhile.
     */
    private Offer close(String offerId, String status, boolean own, Function<WaitingEntity, AuditEvent> record) {
        return retryingRaces(em -> {
            OfferEntity o = em.find(OfferEntity.class, offerId);
            if (!OPEN.equals(o.getStatus())) {
                throw ProblemException.conflict("The offer was " + o.getStatus().toLowerCase() + " already");
            }
            WaitingEntity w = em.find(WaitingEntity.class, o.getWaitingId());
            long lapsedBefore = em.createQuery("SELECT COUNT(o) FROM OfferEntity o WHERE o.waitingId = :w"
                    + " AND o.status = 'EXPIRED'", Long.class).setParameter("w", w.getId()).getSingleResult();
            try (Connection c = JpaTransactions.connection(em)) {
                SlotHolds.release(c, HOLDER_PREFIX + o.getId());
            } catch (SQLException e) {
                throw new PersistenceException("could not free the offered slot", e);
            }
            o.setStatus(status);
            if (WaitingList.OFFERED.equals(w.getStatus())) {
                boolean unresponsive = EXPIRED.equals(status) && lapsedBefore + 1 >= MAX_UNANSWERED;
                // Back with its created_ms: a declined or lapsed offer costs the patient no place in the queue.
                w.setStatus(unresponsive ? WaitingList.REMOVED : WaitingList.WAITING);
                w.setUpdatedMs(clock.millis());
            }
            return Done.of(view(em, o, w), record.apply(w));
        });
    }

    private void handOn(OfferEntity o, WaitingEntity w) {
        offer(new FreedSlot(o.getDoctorId(), w.getServiceCode(), o.getLocation(), o.getStartsMs(), o.getEndsMs()));
    }

    /** One offer, if the caller may see its patient's (a patient account: its own, 403 otherwise). */
    public Offer get(String offerId, boolean own) {
        Loaded l = load(offerId, own, "READ");
        audit.record(l.allowed.audit().resourceId(offerId).build());
        return l.view;
    }

    /** The caller's own offers, newest first. */
    public List<Offer> listOwn() {
        PatientGate.Allowed allowed = list.gate().check(WaitingList.ownPatientId(), PatientGate.OWN, false, "SEARCH");
        List<Offer> offers = jpa.call(em -> {
            List<Offer> out = new ArrayList<>();
            List<?> rows = em.createQuery("SELECT o, w FROM OfferEntity o, WaitingEntity w"
                    + " WHERE o.waitingId = w.id AND w.patientId = :p ORDER BY o.createdMs DESC, o.id")
                    .setParameter("p", allowed.mrn()).setMaxResults(200).getResultList();
            for (Object row : rows) {
                Object[] pair = (Object[]) row;
                out.add(view(em, (OfferEntity) pair[0], (WaitingEntity) pair[1]));
            }
            return out;
        });
        audit.record(allowed.audit().detail("own offers: " + offers.size()).build());
        return offers;
    }

    private record Loaded(OfferEntity offer, WaitingEntity entry, Offer view, PatientGate.Allowed allowed) {
    }

    private Loaded load(String offerId, boolean own, String auditAction) {
        if (own) {
            WaitingList.ownPatientId(); // a /my/ endpoint is for a patient's own account only
        }
        Loaded found = jpa.call(em -> {
            OfferEntity o = em.find(OfferEntity.class, offerId);
            if (o == null) {
                return null;
            }
            WaitingEntity w = em.find(WaitingEntity.class, o.getWaitingId());
            return new Loaded(o, w, view(em, o, w), null);
        });
        if (found == null) {
            throw ProblemException.notFound("Offer", offerId);
        }
        PatientGate.Allowed allowed = list.gate().check(found.entry.getPatientId(),
                own ? PatientGate.OWN : WaitingList.MANAGE, !"READ".equals(auditAction), auditAction);
        return new Loaded(found.offer, found.entry, found.view, allowed);
    }

    private Offer view(EntityManager em, OfferEntity o, WaitingEntity w) {
        Offer x = new Offer();
        x.id = o.getId();
        x.waitingId = w.getId();
        x.patientId = w.getPatientId();
        x.doctorId = o.getDoctorId();
        DoctorEntity doctor = em.find(DoctorEntity.class, o.getDoctorId());
        x.doctorName = doctor == null ? null : doctor.getDisplayName();
        x.serviceCode = w.getServiceCode();
        ServiceEntity service = em.find(ServiceEntity.class, w.getServiceCode());
        x.serviceName = service == null ? null : service.getName();
        x.visitType = w.getVisitType();
        x.location = o.getLocation();
        x.start = Times.instant(o.getStartsMs());
        x.end = Times.instant(o.getEndsMs());
        x.localStart = Times.local(o.getStartsMs(), zone());
        x.expiresAt = Times.instant(o.getExpiresMs());
        x.status = o.getStatus();
        x.appointmentId = ACCEPTED.equals(o.getStatus()) ? w.getAppointmentId() : null;
        return x;
    }

    /** The event: who, when, with whom, until when; never the entry's note (it may be clinical). */
    private SlotOffered payload(Offer v) {
        SlotOffered p = new SlotOffered();
        p.offerId = v.id;
        p.waitingId = v.waitingId;
        p.patientId = v.patientId;
        p.doctorId = v.doctorId;
        p.doctorName = v.doctorName;
        p.serviceCode = v.serviceCode;
        p.serviceName = v.serviceName;
        p.visitType = v.visitType;
        p.location = v.location;
        p.start = v.start;
        p.end = v.end;
        p.localStart = v.localStart;
        p.zone = zone().getId();
        p.offerExpiresAt = v.expiresAt;
        return p;
    }

    private ZoneId zone() {
        return list.settings().zone();
    }

    /**
     * Runs {@code work} in a transaction that commits with its audit records, again when it lost a race on an entry's
     * version to another one.
     */
    private <R> R retryingRaces(Function<EntityManager, Done<R>> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jpa.callAudited(audit, work);
            } catch (RuntimeException e) {
                if (attempt >= RACE_RETRIES || !lostRace(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * An optimistic-lock failure, or the database's own word for losing to a concurrent transaction: serialization
     * failure (40001), deadlock (PostgreSQL 40P01), concurrent update (H2 90131) or lock timeout (H2 HYT00).
     */
    static boolean lostRace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // OpenJPA's own OptimisticException by name: the provider is no compile-time dependency.
            if (c instanceof OptimisticLockException
                    || c.getClass().getName().equals("org.apache.openjpa.util.OptimisticException")) {
                return true;
            }
            if (c instanceof SQLException sql && RACE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
