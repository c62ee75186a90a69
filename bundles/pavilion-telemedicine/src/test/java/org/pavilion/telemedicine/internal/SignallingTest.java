package org.pavilion.telemedicine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.websocket.CloseReason;
import javax.websocket.RemoteEndpoint;
import javax.websocket.Session;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestAccounts;
import org.pavilion.scheduling.api.AppointmentBooked;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The signalling endpoint with in-memory WebSocket sessions: tickets admit, everything else is closed 1008; messages
 * go to the room's others only, with a {@code from} the sender cannot forge; a waiting patient only listens.
 */
public class SignallingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Caller doctor = Caller.inContainer("dr.house", Set.of(ConsultationResource.HOST), "10.1.1.7");
    private final Caller patient = TestAccounts.patientAccount("ana", "MRN-ANA", MyConsultationResource.JOIN);

    private TelemedicineDatabase db;
    private SignallingEndpoint endpoint;
    private String room;

    /** A WebSocket session that records what it was sent and how it was closed. */
    static final class FakeSession {
        final String id = UUID.randomUUID().toString();
        final Map<String, List<String>> parameters;
        final Map<String, Object> properties = new HashMap<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile CloseReason closed;
        final Session session;

        FakeSession(String ticket) {
            this(ticket, null);
        }

        /** {@code client}: the page's own id, as call.js puts it on the WebSocket URL. */
        FakeSession(String ticket, String client) {
            Map<String, List<String>> named = new HashMap<>();
            if (ticket != null) {
                named.put("ticket", List.of(ticket));
            }
            if (client != null) {
                named.put("client", List.of(client));
            }
            parameters = Map.copyOf(named);
            RemoteEndpoint.Basic remote = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Basic.class}, (p, m, args) -> {
                        if (m.getName().equals("sendText")) {
                            sent.add((String) args[0]);
                        }
                        return null;
                    });
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "getId" -> id;
                        case "getRequestParameterMap" -> parameters;
                        case "getUserProperties" -> properties;
                        case "isOpen" -> closed == null;
                        case "getBasicRemote" -> remote;
                        case "close" -> {
                            closed = args == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                                    : (CloseReason) args[0];
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "session " + id;
                        default -> null;
                    });
        }

        List<JsonNode> received() throws Exception {
            List<JsonNode> out = new java.util.ArrayList<>();
            for (String s : sent) {
                out.add(JSON.readTree(s));
            }
            return out;
        }

        JsonNode last() throws Exception {
            return JSON.readTree(sent.get(sent.size() - 1));
        }

        /** The messages of one type received so far. */
        List<JsonNode> of(String type) throws Exception {
            return received().stream().filter(m -> type.equals(m.path("type").asText())).toList();
        }
    }

    @Before
    public void open() throws Exception {
        db = new TelemedicineDatabase();
        endpoint = new SignallingEndpoint(db.service, db.tickets, db.rooms, new TelemedicineSettings(
                TelemedicineSettings.defaults()));
        AppointmentBooked booked = new AppointmentBooked();
        booked.appointmentId = "APPT-1";
        booked.patientId = "MRN-ANA";
        booked.doctorId = "DR-1";
        booked.visitType = "VIDEO";
        booked.start = "2026-12-07T09:30:00Z";
        booked.end = "2026-12-07T09:50:00Z";
        db.service.onAppointmentEvent("ev-1", "AppointmentBooked", JSON.writeValueAsString(booked));
        room = db.service.list(null, 0, 1).getItems().get(0).id;
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void withoutAValidTicketTheConnectionIsClosedWithPolicyViolationAndAudited() throws Exception {
        for (String ticket : new String[] {null, "", "forged", Tokens.newToken()}) {
            FakeSession s = new FakeSession(ticket);
            endpoint.open(s.session, room);
            assertEquals(String.valueOf(ticket), CloseReason.CloseCodes.VIOLATED_POLICY, s.closed.getCloseCode());
            assertTrue(s.sent.isEmpty());
        }
        List<AuditEvent> refused = db.audit.of("JOIN");
        assertEquals(4, refused.size());
        assertTrue(refused.stream().allMatch(a -> a.outcome() == AuditOutcome.DENIED && "MRN-ANA".equals(a.patientId())));
        assertEquals(0, db.rooms.size(room));
    }

    @Test
    public void aWaitingPatientListensThenTheCallRelaysToTheOthersOnly() throws Exception {
        as(patient, () -> db.service.arrive(room));
        FakeSession ana = connect(as(patient, () -> db.service.patientAccess(room)).ticket);
        assertEquals("welcome", ana.last().path("type").asText());
        assertEquals("WAITING", ana.last().path("state").asText());

        endpoint.message(ana.session, "{\"type\":\"offer\",\"sdp\":\"too early\"}");
        assertEquals("not-admitted", ana.last().path("code").asText());

        as(doctor, () -> db.service.admit(room));
        assertEquals("admitted", ana.last().path("type").asText());
        FakeSession house = connect(as(doctor, () -> db.service.hostAccess(room)).ticket);
        assertEquals("peer-joined", ana.last().path("type").asText());
        assertEquals("HOST", ana.last().path("from").path("role").asText());

        int doctorHad = house.sent.size();
        endpoint.message(house.session, "{\"type\":\"offer\",\"sdp\":\"v=0\",\"from\":{\"role\":\"PATIENT\"}}");
        JsonNode offer = ana.last();
        assertEquals("v=0", offer.path("sdp").asText());
        assertEquals("the sender cannot forge from", "HOST", offer.path("from").path("role").asText());
        assertEquals("dr.house", offer.path("from").path("name").asText());
        assertEquals("not echoed to its sender", doctorHad, house.sent.size());

        endpoint.message(ana.session, "{\"type\":\"chat\",\"text\":\"Hello doctor\"}");
        assertEquals("Hello doctor", house.last().path("text").asText());
        endpoint.message(ana.session, "[1,2]");
        assertEquals("unknown-type", ana.last().path("code").asText());
        endpoint.message(ana.session, "not json");
        assertEquals("not-json", ana.last().path("code").asText());

        endpoint.close(house.session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "network"));
        assertEquals("peer-left", ana.last().path("type").asText());
        assertEquals(1, db.rooms.size(room));

        FakeSession back = connect(as(doctor, () -> db.service.hostAccess(room)).ticket);
        as(doctor, () -> db.service.end(room));
        assertEquals("ended", ana.last().path("type").asText());
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, ana.closed.getCloseCode());
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, back.closed.getCloseCode());
        assertEquals(0, db.rooms.size(room));

        List<AuditEvent> joins = db.audit.of("JOIN").stream().filter(a -> a.outcome() == AuditOutcome.SUCCESS).toList();
        assertEquals(3, joins.size());
        assertEquals("10.1.1.7", joins.get(1).caller().clientAddress());
        assertTrue(db.audit.events.stream().noneMatch(a -> String.valueOf(a.detail()).contains("Hello doctor")));
    }

    @Test
    public void aTicketOpensOnlyItsOwnRoomAndOnlyOnce() throws Exception {
        as(patient, () -> db.service.arrive(room));
        String ticket = as(patient, () -> db.service.patientAccess(room)).ticket;
        FakeSession elsewhere = new FakeSession(ticket);
        endpoint.open(elsewhere.session, "another-room");
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, elsewhere.closed.getCloseCode());
        FakeSession again = new FakeSession(ticket);
        endpoint.open(again.session, room);
        assertEquals("used up by the first try", CloseReason.CloseCodes.VIOLATED_POLICY, again.closed.getCloseCode());
        assertNull(connect(as(patient, () -> db.service.patientAccess(room)).ticket).closed);
    }

    @Test
    public void aConnectionFloodingTheRoomIsClosedWithPolicyViolation() throws Exception {
        TelemedicineSettings.Values d = TelemedicineSettings.defaults();
        SignallingEndpoint strict = new SignallingEndpoint(db.service, db.tickets, db.rooms, new TelemedicineSettings(
                new TelemedicineSettings.Values(d.stunUrls(), d.turnUrls(), "", "", d.guestLinkDefaultMinutes(),
                        d.guestLinkMaxMinutes(), d.guestSessionMinutes(), d.signalTicketSeconds(), d.maxMessageBytes(),
                        3, d.maxFileBytes(), d.allowedFileTypes())));
        as(patient, () -> db.service.arrive(room));
        as(doctor, () -> db.service.admit(room));
        FakeSession ana = new FakeSession(as(patient, () -> db.service.patientAccess(room)).ticket);
        strict.open(ana.session, room);
        FakeSession house = new FakeSession(as(doctor, () -> db.service.hostAccess(room)).ticket);
        strict.open(house.session, room);
        int anaHad = ana.sent.size();
        for (int i = 0; i < 4; i++) {
            strict.message(house.session, "{\"type\":\"ice\",\"candidate\":\"c" + i + "\"}");
        }
        assertEquals("three relayed, the fourth not", anaHad + 3, ana.sent.size());
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, house.closed.getCloseCode());
        assertEquals("too many messages: at most 3 per second", house.closed.getReasonPhrase());
        assertNull(ana.closed);
    }

    /**
     * Dr House, Ana and her interpreter in one call: each browser negotiates with each other one, so an offer, an
     * answer or a candidate names its one recipient ({@code to}) and reaches nobody else; chat reaches everyone. The
     * interpreter cannot pass for the doctor, and is not told Ana's account name.
     */
    @Test
    public void anAddressedMessageReachesOnlyItsTargetAndChatReachesEveryone() throws Exception {
        as(patient, () -> db.service.arrive(room));
        as(doctor, () -> db.service.admit(room));
        FakeSession ana = connect(as(patient, () -> db.service.patientAccess(room)).ticket, "page-ana-0001");
        FakeSession house = connect(as(doctor, () -> db.service.hostAccess(room)).ticket, "page-house-001");
        FakeSession interpreter = connect(guestTicket(room, "Interpreter (Polish)"), "page-guest-001");
        assertEquals(3, db.rooms.size(room));

        JsonNode joined = house.of("peer-joined").get(0);
        assertEquals("GUEST", joined.path("from").path("role").asText());
        assertEquals("Interpreter (Polish)", joined.path("from").path("name").asText());
        assertEquals("the page's id, for recognising it when it reconnects", "page-guest-001",
                joined.path("from").path("client").asText());
        String interpreterId = joined.path("from").path("id").asText();

        int anaHad = ana.sent.size();
        endpoint.message(house.session, "{\"type\":\"offer\",\"sdp\":\"v=0 for the interpreter\",\"to\":\""
                + interpreterId + "\"}");
        assertEquals("v=0 for the interpreter", interpreter.last().path("sdp").asText());
        assertEquals("HOST", interpreter.last().path("from").path("role").asText());
        assertEquals("dr.house", interpreter.last().path("from").path("name").asText());
        assertEquals("Ana does not get an offer meant for the interpreter", anaHad, ana.sent.size());

        int houseHad = house.sent.size();
        endpoint.message(interpreter.session, "{\"type\":\"answer\",\"sdp\":\"v=0 answer\",\"to\":\"" + house.id
                + "\",\"from\":{\"id\":\"" + ana.id + "\",\"role\":\"HOST\",\"name\":\"dr.house\"}}");
        JsonNode answer = house.last();
        assertEquals(houseHad + 1, house.sent.size());
        assertEquals("the guest cannot forge from", "GUEST", answer.path("from").path("role").asText());
        assertEquals(interpreter.id, answer.path("from").path("id").asText());
        assertEquals(anaHad, ana.sent.size());

        endpoint.message(house.session, "{\"type\":\"ice\",\"candidate\":{},\"to\":\"somebody-gone\"}");
        assertEquals("a recipient not in the room gets nothing", anaHad, ana.sent.size());
        endpoint.message(house.session, "{\"type\":\"ice\",\"candidate\":{},\"to\":{\"id\":\"" + ana.id + "\"}}");
        assertEquals("bad-to", house.last().path("code").asText());
        assertEquals(anaHad, ana.sent.size());

        endpoint.message(ana.session, "{\"type\":\"chat\",\"text\":\"Dzień dobry\"}");
        assertEquals("Dzień dobry", house.last().path("text").asText());
        assertEquals("ana", house.last().path("from").path("name").asText());
        assertEquals("Dzień dobry", interpreter.last().path("text").asText());
        assertEquals("PATIENT", interpreter.last().path("from").path("role").asText());
        assertEquals("a guest is not told the patient's account name", "",
                interpreter.last().path("from").path("name").asText());
        assertTrue(interpreter.sent.stream().noneMatch(m -> m.contains("MRN-ANA") || m.contains("\"ana\"")));

        endpoint.close(interpreter.session, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "hung up"));
        JsonNode left = house.last();
        assertEquals("peer-left", left.path("type").asText());
        assertEquals("Interpreter (Polish)", left.path("from").path("name").asText());
        assertEquals(2, db.rooms.size(room));
    }

    /** A call holds at most maxParticipants connections; one more is told room-full and closed 1008, audited. */
    @Test
    public void aFullRoomRefusesOneMoreButNotAReconnectingPage() throws Exception {
        as(patient, () -> db.service.arrive(room));
        as(doctor, () -> db.service.admit(room));
        connect(as(patient, () -> db.service.patientAccess(room)).ticket, "page-ana-0001");
        FakeSession house = connect(as(doctor, () -> db.service.hostAccess(room)).ticket, "page-house-001");
        connect(guestTicket(room, "Interpreter"), "page-guest-001");
        connect(guestTicket(room, "Husband"), "page-guest-002");
        assertEquals(4, db.rooms.size(room));
        int houseHad = house.sent.size();

        FakeSession fifth = connect(guestTicket(room, "Sister"), "page-guest-003");
        assertEquals("room-full", fifth.last().path("code").asText());
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, fifth.closed.getCloseCode());
        assertTrue("not welcomed", fifth.of("welcome").isEmpty());
        assertEquals("nobody is told about a guest who never got in", houseHad, house.sent.size());
        assertEquals(4, db.rooms.size(room));
        assertTrue(db.audit.of("JOIN").stream().anyMatch(a -> a.outcome() == AuditOutcome.DENIED
                && a.detail().contains("room is full")));
        endpoint.close(fifth.session, fifth.closed);
        assertEquals(4, db.rooms.size(room));

        // The doctor's page reconnects before the server noticed its old connection dropped: it takes its own place.
        FakeSession back = connect(as(doctor, () -> db.service.hostAccess(room)).ticket, "page-house-001");
        assertNull(back.closed);
        assertEquals("welcome", back.received().get(0).path("type").asText());
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, house.closed.getCloseCode());
        assertEquals(4, db.rooms.size(room));
        endpoint.close(house.session, house.closed);
        assertEquals("the replaced connection's close takes nobody out", 4, db.rooms.size(room));
    }

    /** The call ended: the guest's session opens nothing any more, not even with a ticket fetched just before. */
    @Test
    public void aGuestIsRefusedOnceTheCallHasEnded() throws Exception {
        as(patient, () -> db.service.arrive(room));
        as(doctor, () -> db.service.admit(room));
        GuestLinkRequest in = new GuestLinkRequest();
        in.guestLabel = "Daughter";
        GuestRedemption daughter = db.service.redeem(as(doctor, () -> db.service.createGuestLink(room, in)).token,
                "192.0.2.61");
        String early = db.service.guestAccess(daughter.guestSession, "192.0.2.61").ticket;
        as(doctor, () -> db.service.end(room));

        try {
            db.service.guestAccess(daughter.guestSession, "192.0.2.61");
            throw new AssertionError("a ticket after the end");
        } catch (org.pavilion.core.api.rest.ProblemException e) {
            assertEquals(410, e.status());
            assertTrue(e.type(), e.type().endsWith("consultation-ended"));
        }
        FakeSession late = connect(early, "page-daughter1");
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, late.closed.getCloseCode());
        assertEquals(0, db.rooms.size(room));
    }

    /** A guest session belongs to one consultation: its tickets open that room and no other. */
    @Test
    public void aGuestSessionCannotGetIntoAnotherConsultation() throws Exception {
        AppointmentBooked other = new AppointmentBooked();
        other.appointmentId = "APPT-2";
        other.patientId = "MRN-BEN";
        other.doctorId = "DR-1";
        other.visitType = "VIDEO";
        other.start = "2026-12-07T10:30:00Z";
        other.end = "2026-12-07T10:50:00Z";
        db.service.onAppointmentEvent("ev-2", "AppointmentBooked", JSON.writeValueAsString(other));
        String otherRoom = db.service.list(null, 0, 10).getItems().stream().map(c -> c.id)
                .filter(id -> !id.equals(room)).findFirst().orElseThrow();
        as(TestAccounts.patientAccount("ben", "MRN-BEN", MyConsultationResource.JOIN),
                () -> db.service.arrive(otherRoom));
        as(doctor, () -> db.service.admit(otherRoom));
        as(patient, () -> db.service.arrive(room));
        as(doctor, () -> db.service.admit(room));

        GuestLinkRequest in = new GuestLinkRequest();
        in.guestLabel = "Interpreter";
        GuestRedemption guest = db.service.redeem(as(doctor, () -> db.service.createGuestLink(room, in)).token,
                "192.0.2.62");
        SignalAccess access = db.service.guestAccess(guest.guestSession, "192.0.2.62");
        assertEquals("the ticket is for the link's consultation", room, access.consultationId);
        assertTrue(access.path.startsWith(SignallingEndpoint.PATH_PREFIX + room + "?"));
        FakeSession elsewhere = new FakeSession(access.ticket, "page-guest-009");
        endpoint.open(elsewhere.session, otherRoom);
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, elsewhere.closed.getCloseCode());
        assertEquals(0, db.rooms.size(otherRoom));
    }

    /** A guest of the room: link created by the doctor, redeemed, a signalling ticket with its session. */
    private String guestTicket(String consultation, String label) throws Exception {
        GuestLinkRequest in = new GuestLinkRequest();
        in.guestLabel = label;
        GuestLink link = as(doctor, () -> db.service.createGuestLink(consultation, in));
        GuestRedemption guest = db.service.redeem(link.token, "192.0.2.60");
        return db.service.guestAccess(guest.guestSession, "192.0.2.60").ticket;
    }

    private FakeSession connect(String ticket, String client) {
        FakeSession s = new FakeSession(ticket, client);
        endpoint.open(s.session, room);
        return s;
    }

    private FakeSession connect(String ticket) {
        FakeSession s = new FakeSession(ticket);
        endpoint.open(s.session, room);
        return s;
    }

    private static <T> T as(Caller caller, java.util.concurrent.Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }
}
