package org.pavilion.scheduling.internal.waitlist;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentRescheduled;
import org.pavilion.scheduling.api.SlotOffered;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;
import org.pavilion.scheduling.internal.booking.SlotHolds;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.DoctorServiceEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;

/**
 * Monday 7 December 2026, 08:00 in Madrid. Cardiology's waiting list holds, in the order they were put on it: Pedro
 * (for dermatology), Lucía (cardiology, only with Dr Okafor), Tomás (cardiology, from the 15th only), María (cardiology,
 * any doctor) and Juan (cardiology with Dr Costa). When Dr Costa's Wednesday 09:00 is cancelled, María is offered it
 * first; the slot stays held for her until she answers or two hours pass, and then goes to Juan.
 */
public class WaitingListOffersTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant MONDAY_8AM = Instant.parse("2026-12-07T07:00:00Z");
    private static final long WEDNESDAY_9AM = Instant.parse("2026-12-09T08:00:00Z").toEpochMilli();
    private static final long WEDNESDAY_10AM = Instant.parse("2026-12-09T09:00:00Z").toEpochMilli();
    private static final long HALF_HOUR = 30 * 60_000L;

    private static final String COSTA = "d-costa";
    private static final String OKAFOR = "d-okafor";
    private static final String LIND = "d-lind";
    private static final String PEDRO = "0000004463";
    private static final String LUCIA = "0000004560";
    private static final String TOMAS = "0000004657";
    private static final String MARIA = "0000004269";
    private static final String JUAN = "0000004754";

    // One database for the class (the change log runs once); each test starts from empty tables.
    private static WaitlistDatabase db;
    private final TestClock clock = new TestClock(MONDAY_8AM);
    private final List<AuditEvent> trail = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AuditService audit = trail::add;
    private final RecordingEvents events = new RecordingEvents();
    private final ObjectMapper json = new ObjectMapper();
    private FakeAppointmentBook book;
    private WaitingList list;
    private SlotOffers offers;

    private String pedro;
    private String lucia;
    private String tomas;
    private String maria;
    private String juan;

    @BeforeClass
    public static void openDatabase() throws Exception {
        db = new WaitlistDatabase();
    }

    @AfterClass
    public static void closeDatabase() throws Exception {
        db.close();
    }

    @Before
    public void setUp() throws Exception {
        try (Connection c = db.database.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("sched_offer", "sched_waiting", "sched_slot_hold", "sched_appointment",
                    "sched_doctor_service", "sched_doctor", "sched_service")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
        book = new FakeAppointmentBook(db.emf);
        list = new WaitingList(db.emf, audit, null, clock, new WaitlistSettings(MADRID, 120, 366),
                TestConstraints.platform());
        offers = new SlotOffers(db.emf, list, audit, events, book, clock);
        new JpaTransactions(db.emf).run(em -> {
            em.persist(service("CARD-FU", "Cardiology follow-up"));
            em.persist(service("DERM-1", "Dermatology consultation"));
            em.persist(doctor(COSTA, "Dr Ana Costa"));
            em.persist(doctor(OKAFOR, "Dr Ben Okafor"));
            em.persist(doctor(LIND, "Dr Eva Lind"));
            em.persist(offers(COSTA, "CARD-FU"));
            em.persist(offers(OKAFOR, "CARD-FU"));
            em.persist(offers(LIND, "DERM-1"));
        });
        pedro = wait(PEDRO, "DERM-1", null, "2026-12-07", "2026-12-31");
        lucia = wait(LUCIA, "CARD-FU", OKAFOR, "2026-12-07", "2026-12-31");
        tomas = wait(TOMAS, "CARD-FU", null, "2026-12-15", "2026-12-31");
        maria = wait(MARIA, "CARD-FU", null, "2026-12-07", "2026-12-20");
        juan = wait(JUAN, "CARD-FU", COSTA, "2026-12-08", "2026-12-20");
    }

    @Test
    public void aCancelledSlotGoesToTheFirstSuitableWaitingPatient() throws Exception {
        Instant offeredAt = clock.instant();
        Offer offer = cancelled(COSTA, WEDNESDAY_9AM).orElseThrow();

        assertEquals(maria, offer.waitingId);
        assertEquals(MARIA, offer.patientId);
        assertEquals("Dr Ana Costa", offer.doctorName);
        assertEquals("2026-12-09T09:00", offer.localStart);
        assertEquals("OPEN", offer.status);
        assertEquals(offeredAt.plus(Duration.ofMinutes(120)).toString(), offer.expiresAt);
        assertEquals("OFFERED", status(maria));
        for (String passedOver : List.of(pedro, lucia, tomas, juan)) {
            assertEquals("WAITING", status(passedOver));
        }
        assertEquals(SlotOffers.HOLDER_PREFIX + offer.id, holder(COSTA, WEDNESDAY_9AM));

        RecordingEvents.Published published = events.published.get(0);
        assertEquals(SlotOffered.TYPE, published.type());
        assertEquals("waiting:" + maria, published.subjectKey());
        SlotOffered payload = (SlotOffered) published.payload();
        assertEquals(offer.id, payload.offerId);
        assertEquals("Europe/Madrid", payload.zone);
        assertFalse("no note, nothing clinical", json.writeValueAsString(payload).contains("chest"));
        assertTrue(trail.stream().anyMatch(a -> MARIA.equals(a.patientId()) && offer.id.equals(a.resourceId())));
    }

    @Test
    public void aSlotNobodySuitsIsNotOffered() throws Exception {
        // Dr Lind's dermatology slot on the 9th: Pedro waits for it, so take him off first.
        as(desk(), () -> list.remove(pedro));
        assertTrue(cancelled(LIND, "DERM-1", WEDNESDAY_9AM).isEmpty());
        // A cancellation whose patient was erased before it was delivered carries no slot to offer.
        assertTrue(offers.onAppointmentEvent(AppointmentCancelled.TYPE, "{\"redacted\": true}").isEmpty());
        // A slot already begun is nobody's to accept.
        clock.advance(Duration.ofDays(3));
        assertTrue(cancelled(COSTA, WEDNESDAY_9AM).isEmpty());
        assertEquals(0, count("SELECT COUNT(*) FROM sched_offer"));
    }

    @Test
    public void theSameEventDeliveredTwiceMakesOneOffer() throws Exception {
        String event = cancelEvent(COSTA, "CARD-FU", WEDNESDAY_9AM);
        assertTrue(offers.onAppointmentEvent(AppointmentCancelled.TYPE, event).isPresent());
        assertTrue(offers.onAppointmentEvent(AppointmentCancelled.TYPE, event).isEmpty());
        assertEquals(1, count("SELECT COUNT(*) FROM sched_offer"));
        assertEquals(1, events.published.size());
        assertEquals("WAITING", status(juan));
    }

    @Test
    public void aRescheduleOffersTheTimeItLeft() throws Exception {
        AppointmentRescheduled moved = new AppointmentRescheduled();
        moved.doctorId = COSTA;
        moved.serviceCode = "CARD-FU";
        moved.start = Instant.ofEpochMilli(WEDNESDAY_10AM + HALF_HOUR).toString();
        moved.end = Instant.ofEpochMilli(WEDNESDAY_10AM + 2 * HALF_HOUR).toString();
        moved.previousStart = Instant.ofEpochMilli(WEDNESDAY_9AM).toString();
        moved.previousEnd = Instant.ofEpochMilli(WEDNESDAY_9AM + HALF_HOUR).toString();
        Offer offer = offers.onAppointmentEvent(AppointmentRescheduled.TYPE, json.writeValueAsString(moved))
                .orElseThrow();
        assertEquals(maria, offer.waitingId);
        assertEquals(Instant.ofEpochMilli(WEDNESDAY_9AM).toString(), offer.start);

        moved.previousStart = moved.start; // a change of something else than the time frees nothing
        moved.previousEnd = moved.end;
        assertTrue(offers.onAppointmentEvent(AppointmentRescheduled.TYPE, json.writeValueAsString(moved)).isEmpty());
    }

    @Test
    public void theOfferedSlotCannotBeTakenBySomeoneElseMeanwhile() throws Exception {
        cancelled(COSTA, WEDNESDAY_9AM).orElseThrow();
        try {
            book.bookDirectly(PEDRO, COSTA, WEDNESDAY_9AM);
            fail("the slot is held for María");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
        try (Connection c = db.database.getConnection()) {
            SlotHolds.hold(c, COSTA, WEDNESDAY_9AM + 10 * 60_000L, WEDNESDAY_9AM + 20 * 60_000L, "someone-else");
            fail("the slot is held for María");
        } catch (ProblemException e) {
            assertEquals(409, e.status());
        }
    }

    @Test
    public void aSlotBookedBeforeTheEventArrivesIsNotOffered() throws Exception {
        book.bookDirectly(PEDRO, COSTA, WEDNESDAY_9AM);
        assertTrue(cancelled(COSTA, WEDNESDAY_9AM).isEmpty());
        assertEquals(0, count("SELECT COUNT(*) FROM sched_offer"));
        assertEquals("WAITING", status(maria));
        assertTrue(events.published.isEmpty());
    }

    @Test
    public void mariaAcceptsInThePortalAndHerEntryIsClosed() throws Exception {
        Offer offer = cancelled(COSTA, WEDNESDAY_9AM).orElseThrow();
        assertEquals(List.of(offer.id), as(patient(MARIA), () -> offers.listOwn()).stream().map(o -> o.id).toList());
        forbidden(() -> as(patient(JUAN), () -> offers.accept(offer.id, true)));
        forbidden(() -> as(desk(), () -> offers.accept(offer.id, true))); // /my/ is for a patient's own account
        expect(404, () -> as(patient(MARIA), () -> offers.accept("no-such-offer", true)));

        clock.advance(Duration.ofMinutes(30));
        Appointment a = as(patient(MARIA), () -> offers.accept(offer.id, true));

        assertEquals(MARIA, a.patientId);
        assertEquals(1, book.bookings.size());
        assertEquals(offer.id, book.bookings.get(0).offerId());
        assertEquals(Channel.PORTAL, book.bookings.get(0).channel());
        assertEquals("ACCEPTED", offerStatus(offer.id));
        assertEquals("BOOKED", status(maria));
        assertEquals(a.id, appointmentOf(maria));
        assertEquals(a.id, holder(COSTA, WEDNESDAY_9AM));
        // Asked again (a double tap): the same appointment, no second booking.
        assertEquals(a.id, as(patient(MARIA), () -> offers.accept(offer.id, true)).id);
        assertEquals(1, book.bookings.size());
    }

    @Test
    public void anAcceptanceWhoseBookkeepingFailedAfterTheBookingFindsItsAppointmentOnRetry() throws Exception {
        Offer offer = cancelled(COSTA, WEDNESDAY_9AM).orElseThrow();
        book.failAfterCommitOnce = true;
        try {
            as(desk(), () -> offers.accept(offer.id, false));
            fail("the first attempt broke after the booking committed");
        } catch (IllegalStateException expected) {
            assertEquals("OPEN", offerStatus(offer.id));
        }
        Appointment a = as(desk(), () -> offers.accept(offer.id, false));
        assertEquals(1, book.bookings.size());
        assertEquals(Channel.DESK, book.bookings.get(0).channel());
        assertEquals(a.id, holder(COSTA, WEDNESDAY_9AM));
        assertEquals("ACCEPTED", offerStatus(offer.id));
        assertEquals("BOOKED", status(maria));
        assertEquals(a.id, appointmentOf(maria));
    }

    @Test
    public void anUnansweredOfferLapsesAndTheSlotGoesToTheNextPatient() throws Exception {
        Offer toMaria = cancelled(COSTA, WEDNESDAY_9AM).orElseThrow();
        clock.advance(Duration.ofMinutes(119));
        assertEquals(0, offers.expireDue());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, offers.expireDue());
        assertEquals("EXPIRED", offerStatus(toMaria.id));
        assertEquals("WAITING", status(maria));
        Offer toJuan = as(patient(JUAN), () -> offers.listOwn()).get(0);
        assertEquals("OPEN", toJuan.status);
        assertEquals(SlotOffers.HOLDER_PREFIX + toJuan.id, holder(COSTA, WEDNESDAY_9AM));
        conflict(() -> as(patient(MARIA), () -> offers.accept(toMaria.id, true)));

        // Juan lets it lapse too; nobody else suits, so the slot is simply free again.
        clock.advance(Duration.ofMinutes(120));
        assertEquals(1, offers.expireDue());
        assertNull(holder(COSTA, WEDNESDAY_9AM));
        assertEquals("WAITING", status(juan));
    }

    @Test
    public void aPatientWhoLetsTwoOffersLapseLeavesTheList() throws Exception {
        cancelled(COSTA, WEDNESDAY_9AM).orElseThrow();
        clock.advance(Duration.ofMinutes(120));
        offers.expireDue(); // María's first lapses; Juan gets 09:00
        cancelled(COSTA, WEDNESDAY_10AM).orElseThrow(); // María again, first in line
        clock.advance(Duration.ofMinutes(120));
        offers.expireDue();
        assertEquals("REMOVED", status(maria));
    }

    @Test
    public void aDeclinedOfferGoesToTheNextAndTheDeclinerKeepsHerPlace() throws Exception {
        long placeBefore = createdMs(maria);
        Offer toMaria = cancelled(COSTA, WEDNESDAY_9AM).orElseThrow();

        Offer declined = as(patient(MARIA), () -> offers.decline(toMaria.id, true));

        assertEquals("DECLINED", declined.status);
        assertEquals("WAITING", status(maria));
        assertEquals(placeBefore, createdMs(maria));
        assertEquals("OFFERED", status(juan));
        Offer toJuan = as(patient(JUAN), () -> offers.listOwn()).get(0);
        assertEquals(SlotOffers.HOLDER_PREFIX + toJuan.id, holder(COSTA, WEDNESDAY_9AM));
        // The next freed slot is hers again: declining cost her no place.
        assertEquals(maria, cancelled(COSTA, WEDNESDAY_10AM).orElseThrow().waitingId);
        conflict(() -> as(desk(), () -> offers.accept(toMaria.id, false)));
    }

    @Test
    public void twoSlotsFreedAtOnceForOneWaitingPatientMakeOneOffer() throws Exception {
        for (String other : List.of(pedro, lucia, tomas, juan)) {
            as(desk(), () -> list.remove(other));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<Offer>>> racing = new ArrayList<>();
            for (long start : new long[] {WEDNESDAY_9AM, WEDNESDAY_10AM}) {
                racing.add(pool.submit(() -> {
                    go.await();
                    return cancelled(COSTA, start);
                }));
            }
            go.countDown();
            int made = 0;
            for (Future<Optional<Offer>> f : racing) {
                made += f.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertEquals(1, made);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("SELECT COUNT(*) FROM sched_offer WHERE status = 'OPEN'"));
        assertEquals(6, count("SELECT COUNT(*) FROM sched_slot_hold")); // one 30-minute slot: six 5-minute units
        assertEquals("OFFERED", status(maria));
    }

    @Test
    public void entriesPastTheirLastDayExpire() throws Exception {
        clock.advance(Duration.ofDays(14)); // Monday the 21st
        assertEquals(2, list.expirePassed()); // María's and Juan's ended on the 20th
        assertEquals("EXPIRED", status(maria));
        assertEquals("WAITING", status(lucia));
    }

    @Test
    public void badDaysAreRefused() throws Exception {
        invalid("2026-12-06", "2026-12-20"); // from in the past
        invalid("2026-12-10", "2026-12-09"); // to before from
        invalid("2026-12-10", "next week");
        invalid("2026-13-01", "2026-12-20");
        invalid("2026-12-10", null);
        invalid("2026-12-10", "2028-01-01"); // beyond the booking horizon
        WaitingRequest unknownService = request(PEDRO, "NO-SUCH", null, "2026-12-07", "2026-12-20");
        badRequest(() -> as(desk(), () -> list.add(unknownService)));
        conflict(() -> as(desk(), () -> list.add(request(MARIA, "CARD-FU", null, "2026-12-07", "2026-12-31"))));
        AuditEvent refused = trail.get(trail.size() - 1);
        assertEquals(AuditOutcome.FAILED, refused.outcome());
        assertEquals(MARIA, refused.patientId());
    }

    @Test
    public void aHalfFilledDeskRequestNamesEveryBrokenFieldAtOnceWhileThePortalNeedsNoPatient() throws Exception {
        int entries = as(desk(), () -> list.list(null, null, null, null, 0, 50)).getItems().size();
        WaitingRequest rushed = request(" ", null, "x".repeat(37), "2026-12-08", "2026-12-20");
        rushed.visitType = "HOME";
        rushed.note = "Calls back after five. ".repeat(30);
        try {
            as(desk(), () -> list.add(rushed));
            fail("expected 400");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("urn:pavilion:problem:validation", e.type());
            assertEquals(List.of(Map.of("field", "doctorId", "message", "is no doctor's id"),
                    Map.of("field", "note", "message", "size must be between 0 and 500"),
                    Map.of("field", "patientId", "message", "must not be blank"),
                    Map.of("field", "serviceCode", "message", "must not be blank"),
                    Map.of("field", "visitType", "message", "is IN_PERSON or VIDEO")),
                    e.extensions().get("violations"));
        }
        WaitingRequest portal = request(null, null, null, "2026-12-08", "2026-12-20");
        try {
            as(patient(MARIA), () -> list.addOwn(portal));
            fail("expected 400");
        } catch (ProblemException e) { // the patient is the caller: only the service is missing
            assertEquals(List.of(Map.of("field", "serviceCode", "message", "must not be blank")),
                    e.extensions().get("violations"));
        }
        assertEquals(entries, as(desk(), () -> list.list(null, null, null, null, 0, 50)).getItems().size());
    }

    @Test
    public void aPatientSeesAndManagesOnlyHerOwnEntriesWithoutStaffNotes() throws Exception {
        List<WaitingEntry> own = as(patient(MARIA), () -> list.listOwn());
        assertEquals(List.of(maria), own.stream().map(e -> e.id).toList());
        assertNull(own.get(0).note);
        assertNotNull(as(desk(), () -> list.list("CARD-FU", null, "WAITING", null, 0, 20)).getItems().get(0).note);
        assertEquals(List.of(lucia, tomas, maria, juan), as(desk(), () -> list.list("CARD-FU", null, null, null, 0,
                20)).getItems().stream().map(e -> e.id).toList());
        forbidden(() -> as(patient(JUAN), () -> list.removeOwn(maria)));
        forbidden(() -> as(desk(), () -> list.removeOwn(maria))); // /my/ is for a patient's own account
        expect(404, () -> as(patient(MARIA), () -> list.removeOwn("no-such-entry")));
        assertEquals("REMOVED", as(patient(MARIA), () -> list.removeOwn(maria)).status);

        WaitingRequest mine = request(null, "CARD-FU", OKAFOR, "2026-12-08", "2026-12-12");
        mine.patientId = JUAN; // ignored: the portal's patient is the caller's
        assertEquals(MARIA, as(patient(MARIA), () -> list.addOwn(mine)).patientId);
    }

    // --- the hospital's day, spelt out

    private String wait(String patientId, String service, String doctorId, String from, String to) throws Exception {
        clock.advance(Duration.ofMinutes(1)); // first come, first served: each one a minute after the last
        String id = as(desk(), () -> list.add(request(patientId, service, doctorId, from, to))).id;
        return id;
    }

    private static WaitingRequest request(String patientId, String service, String doctorId, String from, String to) {
        WaitingRequest r = new WaitingRequest();
        r.patientId = patientId;
        r.serviceCode = service;
        r.doctorId = doctorId;
        r.visitType = "IN_PERSON";
        r.from = from;
        r.to = to;
        r.note = "chest pain on exertion, prefers mornings";
        return r;
    }

    private Optional<Offer> cancelled(String doctorId, long start) throws Exception {
        return cancelled(doctorId, "CARD-FU", start);
    }

    private Optional<Offer> cancelled(String doctorId, String service, long start) throws Exception {
        return offers.onAppointmentEvent(AppointmentCancelled.TYPE, cancelEvent(doctorId, service, start));
    }

    private String cancelEvent(String doctorId, String service, long start) throws Exception {
        AppointmentCancelled e = new AppointmentCancelled();
        e.appointmentId = "a-" + start;
        e.patientId = "0000009999";
        e.doctorId = doctorId;
        e.serviceCode = service;
        e.visitType = "IN_PERSON";
        e.location = "Room 12";
        e.start = Instant.ofEpochMilli(start).toString();
        e.end = Instant.ofEpochMilli(start + HALF_HOUR).toString();
        e.reason = "patient unwell";
        return json.writeValueAsString(e);
    }

    private void invalid(String from, String to) throws Exception {
        badRequest(() -> as(desk(), () -> list.add(request(PEDRO, "CARD-FU", null, from, to))));
    }

    private static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    private static Caller desk() {
        return Caller.inContainer("rosa.desk", Set.of(WaitingList.MANAGE), "10.0.0.5");
    }

    private static Caller patient(String mrn) {
        return new Caller() {
            @Override
            public String username() {
                return "patient-" + mrn;
            }

            @Override
            public Set<String> roles() {
                return Set.of("PATIENT");
            }

            @Override
            public Set<String> privileges() {
                return Set.of(PatientGate.OWN);
            }

            @Override
            public Optional<String> patientId() {
                return Optional.of(mrn);
            }

            @Override
            public String clientAddress() {
                return "10.0.0.9";
            }
        };
    }

    private static void forbidden(Callable<?> work) throws Exception {
        expect(403, work);
    }

    private static void conflict(Callable<?> work) throws Exception {
        expect(409, work);
    }

    private static void badRequest(Callable<?> work) throws Exception {
        expect(400, work);
    }

    private static void expect(int status, Callable<?> work) throws Exception {
        try {
            work.call();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
        }
    }

    private String status(String waitingId) throws Exception {
        return text("SELECT status FROM sched_waiting WHERE id = ?", waitingId);
    }

    private String appointmentOf(String waitingId) throws Exception {
        return text("SELECT appointment_id FROM sched_waiting WHERE id = ?", waitingId);
    }

    private long createdMs(String waitingId) throws Exception {
        return Long.parseLong(text("SELECT created_ms FROM sched_waiting WHERE id = ?", waitingId));
    }

    private String offerStatus(String offerId) throws Exception {
        return text("SELECT status FROM sched_offer WHERE id = ?", offerId);
    }

    private String holder(String doctorId, long start) throws Exception {
        try (Connection c = db.database.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT holder FROM sched_slot_hold WHERE doctor_id = ? AND unit_ms = ?")) {
            q.setString(1, doctorId);
            q.setLong(2, start);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String text(String sql, String param) throws Exception {
        try (Connection c = db.database.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(sql + " " + param, rs.next());
                return rs.getString(1);
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.database.getConnection(); PreparedStatement q = c.prepareStatement(sql);
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ServiceEntity service(String code, String name) {
        ServiceEntity s = new ServiceEntity();
        s.setCode(code);
        s.setName(name);
        s.setSpecialty(code.startsWith("CARD") ? "Cardiology" : "Dermatology");
        s.setSlotMinutes(30);
        s.setVisitTypes("IN_PERSON,VIDEO");
        s.setActive(true);
        return s;
    }

    private static DoctorEntity doctor(String id, String name) {
        DoctorEntity d = new DoctorEntity();
        d.setId(id);
        d.setDisplayName(name);
        d.setActive(true);
        d.setCreatedMs(MONDAY_8AM.toEpochMilli());
        d.setUpdatedMs(MONDAY_8AM.toEpochMilli());
        return d;
    }

    private static DoctorServiceEntity offers(String doctorId, String service) {
        DoctorServiceEntity l = new DoctorServiceEntity();
        l.setDoctorId(doctorId);
        l.setServiceCode(service);
        return l;
    }
}
