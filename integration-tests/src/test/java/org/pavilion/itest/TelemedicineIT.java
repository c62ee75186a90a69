package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * A video consultation in the real container (H2 only: the signalling does not depend on the database; the bundle's
 * tests cover PostgreSQL). Chinwe books a video visit in the portal; scheduling's event opens a room; she enters the
 * waiting room and Dr Osei sees her waiting; he admits her; both join the signalling WebSocket and an offer and its
 * answer cross; a third signed-in user is refused; an interpreter's guest link works once; the call ends. Every
 * connection is to 127.0.0.1.
 */
public class TelemedicineIT extends PavilionTestSupport {

    private static final String SCHEDULING = "/api/v1/scheduling";
    private static final String TELE = "/api/v1/telemedicine";
    private static final Duration BOUND = Duration.ofMinutes(2);

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/org.pavilion.scheduling.cfg", "zone", "UTC")};
    }

    @Test
    public void aVideoConsultationFromBookingToHangingUp() throws Exception {
        awaitHealthy();
        Http admin = loginAsAdmin();
        Await.until("scheduling and telemedicine are published", BOOT_BOUND, () -> {
            assertEquals(200, Http.anonymous(baseUrl()).get(SCHEDULING + "/services").status);
            assertEquals(401, Http.anonymous(baseUrl()).get(TELE + "/consultations/waiting").status);
        });
        Http.Response service = admin.post(SCHEDULING + "/services", obj().put("code", "TELECONSULT")
                .put("name", "Video consultation").put("slotMinutes", 20)
                .set("visitTypes", Http.json().createArrayNode().add("VIDEO")));
        assertTrue(service.toString(), service.status == 201 || service.status == 409);
        String osei = doctor(admin);
        Http drOsei = createUser(admin, "dr.tele.osei", "DOCTOR", null);
        Http drOther = createUser(admin, "dr.tele.other", "DOCTOR", null);
        String chinwe = registerPatient(admin, "Chinwe", "Okafor", "FEMALE", "1980-02-14");
        String pedro = registerPatient(admin, "Pedro", "Santos", "MALE", "1975-09-02");
        Http patient = createUser(admin, "chinwe.tele", "PATIENT", chinwe);
        Http intruder = createUser(admin, "pedro.tele", "PATIENT", pedro);

        // The booking in the portal; scheduling's AppointmentBooked event opens the room.
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        JsonNode booked = created(patient.post(SCHEDULING + "/my/appointments", obj().put("doctorId", osei)
                .put("serviceCode", "TELECONSULT").put("visitType", "VIDEO").put("start", tomorrow + "T09:00")
                .put("reason", "Follow-up of blood pressure")));
        String appointment = booked.path("id").asText();
        JsonNode room = Await.value("the video appointment has a room", BOUND, () -> {
            for (JsonNode c : ok(patient.get(TELE + "/my/consultations"))) {
                if (c.path("appointmentId").asText().equals(appointment)) {
                    return c;
                }
            }
            return null;
        });
        String id = room.path("id").asText();
        assertEquals("SCHEDULED", room.path("state").asText());
        assertEquals(chinwe, room.path("patientId").asText());
        assertEquals(0, ok(intruder.get(TELE + "/my/consultations")).size());
        problem(403, intruder.post(TELE + "/my/consultations/" + id + "/arrive", obj()));

        // She enters the waiting room; the doctor sees her waiting and since when.
        JsonNode waiting = ok(patient.post(TELE + "/my/consultations/" + id + "/arrive", obj()));
        assertEquals("WAITING", waiting.path("state").asText());
        JsonNode list = ok(drOsei.get(TELE + "/consultations/waiting"));
        JsonNode mine = null;
        for (JsonNode c : list) {
            if (c.path("id").asText().equals(id)) {
                mine = c;
            }
        }
        assertNotNull(list.toString(), mine);
        assertFalse(mine.path("arrivedAt").asText().isEmpty());
        assertTrue(mine.toString(), mine.path("waitingSeconds").asLong(-1) >= 0);
        problem(403, patient.get(TELE + "/consultations/waiting"));

        // Waiting, she is connected to be told when she is let in.
        Signal patientSignal = connect(ok(patient.post(TELE + "/my/consultations/" + id + "/signal-ticket", obj())));
        JsonNode welcome = patientSignal.next();
        assertEquals("welcome", welcome.path("type").asText());
        assertEquals("WAITING", welcome.path("state").asText());
        problem(409, drOsei.post(TELE + "/consultations/" + id + "/signal-ticket", obj()));

        // He admits her (once: a second admit is a 409) and she hears of it.
        assertEquals("IN_CALL", ok(drOsei.post(TELE + "/consultations/" + id + "/admit", obj())).path("state").asText());
        problem(409, drOther.post(TELE + "/consultations/" + id + "/admit", obj()));
        assertEquals("admitted", patientSignal.next().path("type").asText());

        // Both in the room: the offer and the answer are relayed, to the other side only.
        JsonNode hostAccess = ok(drOsei.post(TELE + "/consultations/" + id + "/signal-ticket", obj()));
        Signal doctorSignal = connect(hostAccess);
        assertEquals("HOST", doctorSignal.next().path("role").asText());
        assertEquals("peer-joined", patientSignal.next().path("type").asText());
        doctorSignal.send(obj().put("type", "offer").put("sdp", "v=0 offer-from-the-doctor"));
        JsonNode offer = patientSignal.next();
        assertEquals("offer", offer.path("type").asText());
        assertEquals("v=0 offer-from-the-doctor", offer.path("sdp").asText());
        assertEquals("HOST", offer.path("from").path("role").asText());
        patientSignal.send(obj().put("type", "answer").put("sdp", "v=0 answer-from-the-patient"));
        JsonNode answer = doctorSignal.next();
        assertEquals("answer", answer.path("type").asText());
        assertEquals("PATIENT", answer.path("from").path("role").asText());
        patientSignal.send(obj().put("type", "shout"));
        assertEquals("unknown-type", patientSignal.next().path("code").asText());

        // A third signed-in user is refused: no ticket for him, and a forged or reused ticket closes with 1008.
        problem(403, intruder.post(TELE + "/my/consultations/" + id + "/signal-ticket", obj()));
        problem(403, drOther.post(TELE + "/consultations/" + id + "/signal-ticket", obj()));
        assertEquals(1008, connectRaw(id, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").closeCode());
        assertEquals(1008, connectRaw(id, hostAccess.path("ticket").asText()).closeCode());
        assertEquals(1008, connectRaw(id, "").closeCode());

        // An interpreter by a single-use link.
        JsonNode link = created(drOsei.post(TELE + "/consultations/" + id + "/guest-links",
                obj().put("guestLabel", "Interpreter").put("validMinutes", 30)));
        Http anonymous = Http.anonymous(baseUrl());
        JsonNode guest = ok(anonymous.post(TELE + "/guest/redeem", obj().put("token", link.path("token").asText())));
        assertEquals(id, guest.path("consultationId").asText());
        problem(409, anonymous.post(TELE + "/guest/redeem", obj().put("token", link.path("token").asText())));
        JsonNode guestAccess = Http.json().readTree(guestTicket(guest.path("guestSession").asText()));
        Signal guestSignal = connect(guestAccess);
        assertEquals("GUEST", guestSignal.next().path("role").asText());
        assertEquals("peer-joined", doctorSignal.next().path("type").asText());
        assertEquals("peer-joined", patientSignal.next().path("type").asText());

        // The doctor hangs up: everyone is told and disconnected; ConsultationEnded was published with the change.
        assertEquals("ENDED", ok(drOsei.post(TELE + "/consultations/" + id + "/end", obj())).path("state").asText());
        assertEquals("ended", patientSignal.nextOfType("ended").path("type").asText());
        assertEquals(1000, patientSignal.closeCode());
        problem(409, patient.post(TELE + "/my/consultations/" + id + "/signal-ticket", obj()));

        // The audit trail: who joined, from which address.
        String trail = ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + chinwe)).toString();
        assertTrue(trail, trail.contains("JOIN") && trail.contains("ADMIT") && trail.contains("REDEEM"));
        assertFalse("no signalling content in the audit trail", trail.contains("offer-from-the-doctor"));
    }

    private static String doctor(Http admin) throws Exception {
        ObjectNode d = obj().put("displayName", "Dr Kwame Osei").put("title", "MD").put("username", "dr.tele.osei");
        d.putArray("specialties").add("Internal medicine");
        d.putArray("languages").add("en");
        d.putArray("services").addObject().put("code", "TELECONSULT");
        String id = created(admin.post(SCHEDULING + "/doctors", d)).path("id").asText();
        for (int weekday = 1; weekday <= 7; weekday++) {
            created(admin.post(SCHEDULING + "/doctors/" + id + "/working-hours", obj().put("location", "VIRTUAL")
                    .put("weekday", weekday).put("start", "09:00").put("end", "12:00")
                    .put("validFrom", LocalDate.now().minusDays(1).toString())));
        }
        return id;
    }

    private static String guestTicket(String guestSession) throws Exception {
        java.net.http.HttpResponse<String> r = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(baseUrl() + TELE + "/guest/signal-ticket")).header("X-Telemedicine-Guest", guestSession)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return r.body();
    }

    private static Signal connect(JsonNode access) throws Exception {
        String path = access.path("path").asText();
        assertTrue(access.toString(), path.startsWith("/telemedicine/signal/"));
        return Signal.open(wsBase() + path);
    }

    private static Signal connectRaw(String consultationId, String ticket) throws Exception {
        return Signal.open(wsBase() + "/telemedicine/signal/" + consultationId + "?ticket=" + ticket);
    }

    private static String wsBase() {
        return "ws://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY);
    }

    /** One signalling connection with Java's own WebSocket client: what it received, and how it was closed. */
    static final class Signal implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Signal open(String uri) throws Exception {
            Signal s = new Signal();
            s.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                    .buildAsync(URI.create(uri), s).get(30, TimeUnit.SECONDS);
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        JsonNode next() throws Exception {
            String text = received.poll(30, TimeUnit.SECONDS);
            assertNotNull("a signalling message within 30 s", text);
            return Http.json().readTree(text);
        }

        JsonNode nextOfType(String type) throws Exception {
            for (int i = 0; i < 10; i++) {
                JsonNode m = next();
                if (type.equals(m.path("type").asText())) {
                    return m;
                }
            }
            throw new AssertionError("no " + type + " message");
        }

        void send(ObjectNode message) throws Exception {
            socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
        }

        int closeCode() throws Exception {
            return closed.get(30, TimeUnit.SECONDS);
        }
    }
}
