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
import java.util.concurrent.atomic.AtomicInteger;

import javax.websocket.CloseReason;
import javax.websocket.RemoteEndpoint;
import javax.websocket.Session;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.web.service.WebContainer;
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
    private final AtomicInteger registered = new AtomicInteger();
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
            parameters = ticket == null ? Map.of() : Map.of("ticket", List.of(ticket));
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
    }

    @Before
    public void open() throws Exception {
        db = new TelemedicineDatabase();
        WebContainer web = (WebContainer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebContainer.class}, (p, m, args) -> {
                    if (m.getName().equals("registerWebSocket")) {
                        registered.incrementAndGet();
                    } else if (m.getName().equals("unregisterWebSocket")) {
                        registered.decrementAndGet();
                    }
                    return null;
                });
        endpoint = new SignallingEndpoint(db.service, db.tickets, db.rooms, new TelemedicineSettings(
                TelemedicineSettings.defaults()), web);
        assertEquals(1, registered.get());
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
        endpoint.deactivate();
        assertEquals(0, registered.get());
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
                        3, d.maxFileBytes(), d.allowedFileTypes())), (WebContainer) Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {WebContainer.class}, (p, m, a) -> null));
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

    private FakeSession connect(String ticket) {
        FakeSession s = new FakeSession(ticket);
        endpoint.open(s.session, room);
        return s;
    }

    private static <T> T as(Caller caller, java.util.concurrent.Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }
}
