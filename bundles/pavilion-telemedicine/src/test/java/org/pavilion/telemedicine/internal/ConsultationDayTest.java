package org.pavilion.telemedicine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestAccounts;
import org.pavilion.scheduling.api.AppointmentBooked;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentEvent;
import org.pavilion.scheduling.api.AppointmentRescheduled;
import org.pavilion.telemedicine.api.ConsultationEnded;
import org.pavilion.telemedicine.api.ConsultationStarted;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A morning of video consultations on the real change log (H2, and PostgreSQL with {@code -Dpavilion.test.postgres}):
 * bookings from scheduling's events become rooms, patients wait, the doctor admits and ends, guests join by link.
 */
public class ConsultationDayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = ConsultationResource.HOST;
    private static final String JOIN = MyConsultationResource.JOIN;

    private final Caller drHouse = Caller.inContainer("dr.house", Set.of(HOST), "10.1.1.7");
    private final Caller drWilson = Caller.inContainer("dr.wilson", Set.of(HOST), "10.1.1.8");
    private final Caller ana = TestAccounts.patientAccount("ana", "MRN-ANA", JOIN);
    private final Caller bob = TestAccounts.patientAccount("bob", "MRN-BOB", JOIN);

    private TelemedicineDatabase db;

    @Before
    public void open() throws Exception {
        db = new TelemedicineDatabase();
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    // ------------------------------------------------------------------ rooms from scheduling's events

    @Test
    public void aVideoBookingGetsOneRoomAndRedeliveryChangesNothing() throws Exception {
        String booked = json(booking("APPT-1", "MRN-ANA", "VIDEO", "2026-12-07T09:30:00Z"));
        assertTrue(db.service.onAppointmentEvent("ev-1", "AppointmentBooked", booked));
        assertFalse("a redelivery is a no-op", db.service.onAppointmentEvent("ev-1", "AppointmentBooked", booked));
        assertFalse("the same booking again under another event id", db.service.onAppointmentEvent("ev-2",
                "AppointmentBooked", booked));
        assertFalse("an in-person visit gets no room", db.service.onAppointmentEvent("ev-3", "AppointmentBooked",
                json(booking("APPT-2", "MRN-ANA", "IN_PERSON", "2026-12-07T10:00:00Z"))));

        List<Consultation> rooms = as(ana, () -> db.service.mine());
        assertEquals(1, rooms.size());
        Consultation room = rooms.get(0);
        assertEquals("APPT-1", room.appointmentId);
        assertEquals("SCHEDULED", room.state);
        assertEquals("DR-1", room.doctorId);
        assertEquals("2026-12-07T09:30:00Z", room.scheduledStart);
        assertEquals(1, db.audit.of("CREATE").size());
    }

    @Test
    public void aRescheduleMovesTheRoomAndACancellationCancelsIt() throws Exception {
        db.service.onAppointmentEvent("ev-1", "AppointmentBooked",
                json(booking("APPT-1", "MRN-ANA", "VIDEO", "2026-12-07T09:30:00Z")));
        AppointmentRescheduled moved = fill(new AppointmentRescheduled(), "APPT-1", "MRN-ANA", "VIDEO",
                "2026-12-08T11:00:00Z");
        assertTrue(db.service.onAppointmentEvent("ev-2", "AppointmentRescheduled", json(moved)));
        Consultation room = as(ana, () -> db.service.mine()).get(0);
        assertEquals("2026-12-08T11:00:00Z", room.scheduledStart);
        assertEquals("SCHEDULED", room.state);

        AppointmentCancelled cancelled = fill(new AppointmentCancelled(), "APPT-1", "MRN-ANA", "VIDEO",
                "2026-12-08T11:00:00Z");
        assertTrue(db.service.onAppointmentEvent("ev-3", "AppointmentCancelled", json(cancelled)));
        assertEquals("CANCELLED", as(ana, () -> db.service.mine(room.id)).state);
        expect(409, () -> as(ana, () -> db.service.arrive(room.id)));

        // A booking moved from in person to video gets its room then.
        assertTrue(db.service.onAppointmentEvent("ev-4", "AppointmentRescheduled",
                json(fill(new AppointmentRescheduled(), "APPT-9", "MRN-BOB", "VIDEO", "2026-12-09T08:00:00Z"))));
        assertEquals(1, as(bob, () -> db.service.mine()).size());
    }

    @Test
    public void aRedactedOrForeignEventIsAcknowledgedWithoutARoom() throws Exception {
        assertFalse(db.service.onAppointmentEvent("ev-1", "AppointmentBooked",
                "{\"redacted\":true,\"reason\":\"erasure\"}"));
        assertFalse(db.service.onAppointmentEvent("ev-2", "SlotOffered", "{\"offerId\":\"O-1\"}"));
        assertEquals(0, db.service.list(null, 0, 20).getTotal());
    }

    // ------------------------------------------------------------------ the waiting room and the call

    @Test
    public void thePatientWaitsTheDoctorAdmitsAndEndsTheCall() throws Exception {
        String id = room("APPT-1", "MRN-ANA");
        Consultation waiting = as(ana, () -> db.service.arrive(id));
        assertEquals("WAITING", waiting.state);
        assertEquals("2026-12-07T09:00:00Z", waiting.arrivedAt);
        assertEquals("arriving twice keeps the first arrival", "2026-12-07T09:00:00Z",
                as(ana, () -> db.service.arrive(id)).arrivedAt);

        db.clock.advanceSeconds(90);
        List<Consultation> room = as(drHouse, () -> db.service.waiting(null));
        assertEquals(1, room.size());
        assertEquals(Long.valueOf(90), room.get(0).waitingSeconds);
        assertEquals(0, as(drHouse, () -> db.service.waiting("DR-OTHER")).size());

        expect(403, () -> as(bob, () -> db.service.arrive(id)));
        expect(403, () -> as(drHouse, () -> db.service.mine()));
        expect(409, () -> as(drHouse, () -> db.service.hostAccess(id)));

        Consultation inCall = as(drHouse, () -> db.service.admit(id));
        assertEquals("IN_CALL", inCall.state);
        assertEquals("dr.house", inCall.host);
        List<ConsultationStarted> started = db.events.of(ConsultationStarted.TYPE, ConsultationStarted.class);
        assertEquals(1, started.size());
        assertEquals("MRN-ANA", started.get(0).patientId);
        assertEquals("2026-12-07T09:01:30Z", started.get(0).startedAt);
        assertEquals("consultation:" + id, db.events.published.get(0).subjectKey());
        assertTrue(as(drHouse, () -> db.service.waiting(null)).isEmpty());

        expect(409, () -> as(drWilson, () -> db.service.admit(id)));
        expect(403, () -> as(drWilson, () -> db.service.end(id)));
        expect(403, () -> as(drWilson, () -> db.service.hostAccess(id)));

        db.clock.advanceSeconds(600);
        Consultation ended = as(drHouse, () -> db.service.end(id));
        assertEquals("ENDED", ended.state);
        ConsultationEnded end = db.events.of(ConsultationEnded.TYPE, ConsultationEnded.class).get(0);
        assertEquals(600, end.durationSeconds);
        assertEquals("dr.house", end.host);
        expect(409, () -> as(drHouse, () -> db.service.end(id)));
        expect(409, () -> as(ana, () -> db.service.arrive(id)));
        expect(409, () -> as(ana, () -> db.service.patientAccess(id)));

        AuditEvent admit = db.audit.of("ADMIT").get(0);
        assertEquals("MRN-ANA", admit.patientId());
        assertEquals(AuditOutcome.SUCCESS, admit.outcome());
        assertEquals(1, db.audit.of("END").stream().filter(a -> a.outcome() == AuditOutcome.SUCCESS).count());
        assertEquals(1, db.audit.of("ADMIT").stream().filter(a -> a.outcome() == AuditOutcome.FAILED).count());
    }

    @Test
    public void twoDoctorsAdmittingAtOnceOneWinsTheOtherGets409() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = room("APPT-R" + round, "MRN-ANA");
            as(ana, () -> db.service.arrive(id));
            List<Integer> outcomes = race(() -> as(drHouse, () -> db.service.admit(id)),
                    () -> as(drWilson, () -> db.service.admit(id)));
            assertEquals("round " + round + ": " + outcomes, List.of(200, 409), outcomes.stream().sorted().toList());
        }
        assertEquals(5, db.events.of(ConsultationStarted.TYPE, ConsultationStarted.class).size());
    }

    // ------------------------------------------------------------------ guest links

    @Test
    public void aGuestLinkWorksOnceAndIsStoredOnlyAsItsHash() throws Exception {
        String id = room("APPT-1", "MRN-ANA");
        GuestLinkRequest in = new GuestLinkRequest();
        in.guestLabel = "Interpreter";
        in.validMinutes = 30;
        GuestLink link = as(drHouse, () -> db.service.createGuestLink(id, in));
        assertTrue(Tokens.wellFormed(link.token));
        assertEquals("2026-12-07T09:30:00Z", link.expiresAt);
        List<?> stored = db.emf.createEntityManager().createQuery(
                "SELECT g.tokenHash FROM GuestLinkEntity g").getResultList();
        assertEquals(List.of(Tokens.hash(link.token)), stored);

        GuestRedemption guest = db.service.redeem(link.token, "192.0.2.44");
        assertEquals(id, guest.consultationId);
        assertEquals("Interpreter", guest.guestLabel);
        expect(409, () -> db.service.redeem(link.token, "192.0.2.45"));
        expect(404, () -> db.service.redeem(Tokens.newToken(), "192.0.2.45"));
        expect(400, () -> db.service.redeem("not a token", "192.0.2.45"));

        // The guest joins only once the call is on, and only this consultation's room.
        expect(409, () -> db.service.guestAccess(guest.guestSession, "192.0.2.44"));
        as(ana, () -> db.service.arrive(id));
        as(drHouse, () -> db.service.admit(id));
        SignalAccess access = db.service.guestAccess(guest.guestSession, "192.0.2.44");
        assertEquals("GUEST", access.role);
        assertTrue(db.tickets.redeem(access.ticket, id).isPresent());
        expect(401, () -> db.service.guestAccess(Tokens.newToken(), "192.0.2.44"));
        AuditEvent redeemed = db.audit.of("REDEEM").get(0);
        assertEquals("192.0.2.44", redeemed.caller().clientAddress());
        assertEquals(AuditOutcome.SUCCESS, redeemed.outcome());
    }

    @Test
    public void anExpiredLinkIsGoneAndBadRequestsAre400() throws Exception {
        String id = room("APPT-1", "MRN-ANA");
        GuestLinkRequest in = new GuestLinkRequest();
        in.guestLabel = "Daughter";
        GuestLink link = as(drHouse, () -> db.service.createGuestLink(id, in));
        assertEquals("the configured default lifetime", "2026-12-07T10:00:00Z", link.expiresAt);
        db.clock.advanceSeconds(3600);
        expect(410, () -> db.service.redeem(link.token, "192.0.2.44"));

        GuestLinkRequest tooLong = new GuestLinkRequest();
        tooLong.guestLabel = "Uncle";
        tooLong.validMinutes = 100_000;
        expect(400, () -> as(drHouse, () -> db.service.createGuestLink(id, tooLong)));
        expect(400, () -> as(drHouse, () -> db.service.createGuestLink(id, new GuestLinkRequest())));
        expect(404, () -> as(drHouse, () -> db.service.createGuestLink("no-such-room", in)));
    }

    @Test
    public void twoRedemptionsOfOneLinkAtOnceOneWinsTheOtherGets409() throws Exception {
        String id = room("APPT-1", "MRN-ANA");
        GuestLinkRequest in = new GuestLinkRequest();
        in.guestLabel = "Interpreter";
        for (int round = 0; round < 5; round++) {
            GuestLink link = as(drHouse, () -> db.service.createGuestLink(id, in));
            List<Integer> outcomes = race(() -> db.service.redeem(link.token, "192.0.2.1"),
                    () -> db.service.redeem(link.token, "192.0.2.2"));
            assertEquals("round " + round + ": " + outcomes, List.of(200, 409), outcomes.stream().sorted().toList());
        }
    }

    // ------------------------------------------------------------------ signalling tickets and ICE servers

    @Test
    public void ticketsAreSingleUseBoundToOneRoomAndShortLived() throws Exception {
        String id = room("APPT-1", "MRN-ANA");
        String other = room("APPT-2", "MRN-BOB");
        as(ana, () -> db.service.arrive(id));
        SignalAccess access = as(ana, () -> db.service.patientAccess(id));
        assertEquals("PATIENT", access.role);
        assertEquals("the signalling's own context, not the web UI's /", "/telemedicine-signal/" + id + "?ticket="
                + access.ticket, access.path);
        assertEquals("the endpoint's mapping under that context", SignallingContext.PATH + "/{consultationId}",
                SignallingContext.PATH + SignallingEndpoint.class
                        .getAnnotation(javax.websocket.server.ServerEndpoint.class).value());
        assertTrue("another room's path refuses it", db.tickets.redeem(access.ticket, other).isEmpty());

        SignalAccess again = as(ana, () -> db.service.patientAccess(id));
        Participant p = db.tickets.redeem(again.ticket, id).orElseThrow();
        assertEquals(Participant.Role.PATIENT, p.role());
        assertEquals("ana", p.name());
        assertTrue("used once", db.tickets.redeem(again.ticket, id).isEmpty());

        SignalAccess late = as(ana, () -> db.service.patientAccess(id));
        db.clock.advanceSeconds(61);
        assertTrue("expired", db.tickets.redeem(late.ticket, id).isEmpty());
        expect(403, () -> as(bob, () -> db.service.patientAccess(id)));
        expect(409, () -> as(bob, () -> db.service.patientAccess(other)));
    }

    @Test
    public void iceServersCarryTurnCredentialsOnlyWhenConfigured() throws Exception {
        TelemedicineSettings.Values none = TelemedicineSettings.defaults();
        assertTrue(none.iceServers().isEmpty());
        TelemedicineSettings.Values turn = new TelemedicineSettings.Values(List.of("stun:stun.hospital.test:3478"),
                List.of("turn:turn.hospital.test:3478"), "pavilion", "s3cret", 60, 1440, 240, 60, 65536, 50, 1 << 20,
                java.util.Set.of("application/pdf"));
        List<Map<String, Object>> servers = turn.iceServers();
        assertEquals(2, servers.size());
        assertEquals(List.of("stun:stun.hospital.test:3478"), servers.get(0).get("urls"));
        assertNull(servers.get(0).get("credential"));
        assertEquals("s3cret", servers.get(1).get("credential"));
        try (TelemedicineDatabase withTurn = new TelemedicineDatabase(turn)) {
            withTurn.service.onAppointmentEvent("ev-1", "AppointmentBooked",
                    json(booking("APPT-1", "MRN-ANA", "VIDEO", "2026-12-07T09:30:00Z")));
            String id = as(ana, () -> withTurn.service.mine()).get(0).id;
            as(ana, () -> withTurn.service.arrive(id));
            assertEquals(servers, as(ana, () -> withTurn.service.patientAccess(id)).iceServers);
        }
    }

    // ------------------------------------------------------------------ helpers

    private String room(String appointmentId, String patientId) throws Exception {
        assertTrue(db.service.onAppointmentEvent(UUID.randomUUID().toString(), "AppointmentBooked",
                json(booking(appointmentId, patientId, "VIDEO", "2026-12-07T09:30:00Z"))));
        return db.service.list(null, 0, 100).getItems().stream().filter(c -> c.appointmentId.equals(appointmentId))
                .findFirst().orElseThrow().id;
    }

    static AppointmentBooked booking(String appointmentId, String patientId, String visitType, String start) {
        return fill(new AppointmentBooked(), appointmentId, patientId, visitType, start);
    }

    static <E extends AppointmentEvent> E fill(E e, String appointmentId, String patientId, String visitType,
            String start) {
        e.appointmentId = appointmentId;
        e.patientId = patientId;
        e.doctorId = "DR-1";
        e.doctorName = "Dr Gregory House";
        e.serviceName = "Follow-up";
        e.visitType = visitType;
        e.start = start;
        e.end = Instant.parse(start).plusSeconds(1200).toString();
        e.channel = "PORTAL";
        return e;
    }

    static String json(Object event) throws Exception {
        return JSON.writeValueAsString(event);
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    static void expect(int status, Callable<?> work) throws Exception {
        try {
            work.call();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
        }
    }

    /** Both at once (released together), answering 200 or the problem's status each. */
    private static List<Integer> race(Callable<?> first, Callable<?> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<?> work : List.of(first, second)) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        work.call();
                        return 200;
                    } catch (ProblemException e) {
                        return e.status();
                    }
                }));
            }
            go.countDown();
            List<Integer> outcomes = new ArrayList<>();
            for (Future<Integer> f : results) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

}
