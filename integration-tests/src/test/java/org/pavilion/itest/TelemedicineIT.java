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
import java.util.List;
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
 * answer cross; admission opened her TELECONSULTATION encounter, where the doctor writes a note; she shares a photo
 * into her EMR documents (refused without her consent); a third signed-in user is refused; an interpreter's guest link
 * works once; the call ends and the encounter closes; a merge of her duplicate record re-points its room. Every
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
        videoService(admin);
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

        // Admission opened her EMR encounter of kind TELECONSULTATION; the host's view names what the EMR REST needs.
        JsonNode view = ok(drOsei.get(TELE + "/consultations/" + id));
        assertEquals(view.toString(), chinwe, view.path("patientMrn").asText());
        assertEquals("OPEN", view.path("encounterStatus").asText());
        String encounterId = view.path("encounterId").asText();
        JsonNode encounter = encounter(drOsei, chinwe, encounterId);
        assertEquals("TELECONSULTATION", encounter.path("kind").asText());
        assertEquals("OPEN", encounter.path("status").asText());
        // The side panel writes into that encounter with the EMR's own REST.
        JsonNode note = created(drOsei.post("/api/v1/emr/records/" + chinwe + "/notes", obj().put("kind",
                "CONSULTATION").put("text", "BP 128/82 at home, well controlled").put("encounterId", encounterId)));
        assertEquals(encounterId, note.path("encounterId").asText());

        // She shares a photo of her home blood pressure readings: refused without her consent, stored with it.
        problem(400, share(patient, TELE + "/my/consultations/" + id + "/files?title=BP+diary", "image/png", PNG));
        problem(415, share(patient, TELE + "/my/consultations/" + id + "/files?consent=true", "text/html",
                "<script>".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        Http.Response sharedResponse = share(patient, TELE + "/my/consultations/" + id
                + "/files?consent=true&title=BP+diary", "image/png", PNG);
        JsonNode shared = created(sharedResponse);
        String documentId = shared.path("documentId").asText();
        JsonNode document = ok(drOsei.get("/api/v1/emr/documents/" + documentId));
        assertEquals(chinwe, document.path("mrn").asText());
        assertEquals(encounterId, document.path("encounterId").asText());
        assertEquals("BP diary", document.path("title").asText());
        boolean inHerDocuments = false;
        for (JsonNode d : ok(patient.get("/api/v1/emr/documents?mrn=" + chinwe)).path("items")) {
            inHerDocuments |= d.path("id").asText().equals(documentId);
        }
        assertTrue("the shared file is in her own documents", inHerDocuments);

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
        assertEquals("CLOSED", ok(drOsei.get(TELE + "/consultations/" + id)).path("encounterStatus").asText());
        assertEquals("hanging up closed the encounter", "CLOSED",
                encounter(drOsei, chinwe, encounterId).path("status").asText());

        // The audit trail: who joined, from which address.
        String trail = ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + chinwe)).toString();
        assertTrue(trail, trail.contains("JOIN") && trail.contains("ADMIT") && trail.contains("REDEEM"));
        assertFalse("no signalling content in the audit trail", trail.contains("offer-from-the-doctor"));
        assertTrue(trail, trail.contains("SHARE") && trail.contains("PATIENT shared EMR document " + documentId));
        // Each join names who, when and from where: Chinwe's, Dr Osei's and the interpreter's.
        java.util.Set<String> joined = new java.util.HashSet<>();
        for (JsonNode r : ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + chinwe)).path("items")) {
            if ("JOIN".equals(r.path("action").asText()) && "SUCCESS".equals(r.path("outcome").asText())) {
                assertEquals(r.toString(), "127.0.0.1", r.path("clientAddress").asText());
                assertFalse(r.toString(), r.path("occurredAt").asText().isEmpty());
                joined.add(r.path("actor").asText());
            }
        }
        assertTrue(joined.toString(), joined.containsAll(java.util.Set.of("chinwe.tele", "dr.tele.osei",
                "guest:Interpreter")));

        // Her second record, made by mistake, had a video visit booked too; the merge re-points that room.
        String duplicate = created(admin.post("/api/v1/emr/patients?confirmDuplicate=true", obj()
                .put("givenName", "Chinwé").put("familyName", "Okafo").put("sex", "FEMALE").put("birthDate",
                        "1980-02-04"))).path("mrn").asText();
        String second = created(admin.post(SCHEDULING + "/appointments", obj().put("patientId", duplicate)
                .put("doctorId", osei).put("serviceCode", "TELECONSULT").put("visitType", "VIDEO")
                .put("start", tomorrow + "T10:00"))).path("id").asText();
        String secondRoom = Await.value("the duplicate's video appointment has a room", BOUND, () -> {
            for (JsonNode c : ok(drOsei.get(TELE + "/consultations?size=100")).path("items")) {
                if (c.path("appointmentId").asText().equals(second)) {
                    return c.path("id").asText();
                }
            }
            return null;
        });
        assertEquals(duplicate, ok(drOsei.get(TELE + "/consultations/" + secondRoom)).path("patientId").asText());
        ok(admin.post("/api/v1/emr/patients/" + chinwe + "/merge", obj().put("duplicateMrn", duplicate)
                .put("reason", "Same person, name misspelt at the desk")));
        assertEquals("the room now belongs to the surviving record", chinwe,
                ok(drOsei.get(TELE + "/consultations/" + secondRoom)).path("patientId").asText());
        assertEquals(2, ok(patient.get(TELE + "/my/consultations")).size());
    }

    /**
     * The operator switches telemedicine off and on again in the middle of the morning clinic. Reception keeps using
     * the web UI and the EMR meanwhile and never gets an error page: the signalling lives in a servlet context of its
     * own, so its coming and going restarts nothing of theirs (it used to restart "/": about 2 s of 404s for
     * everyone). Once telemedicine is back, Ifeoma, still in the waiting room, connects again with a fresh ticket.
     */
    @Test
    public void telemedicineIsSwitchedOffAndOnWhileTheWebUiAndTheEmrKeepAnswering() throws Exception {
        awaitHealthy();
        Http admin = loginAsAdmin();
        everyDepartmentItsOwnRootRequirement();
        Await.until("scheduling and telemedicine are published", BOOT_BOUND, () -> {
            assertEquals(200, Http.anonymous(baseUrl()).get(SCHEDULING + "/services").status);
            assertEquals(401, Http.anonymous(baseUrl()).get(TELE + "/consultations/waiting").status);
        });
        videoService(admin);
        String nwosu = doctor(admin, "Dr Amara Nwosu", "dr.tele.nwosu");
        String ifeoma = registerPatient(admin, "Ifeoma", "Eze", "FEMALE", "1991-06-30");
        Http patient = createUser(admin, "ifeoma.tele", "PATIENT", ifeoma);
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        String appointment = created(patient.post(SCHEDULING + "/my/appointments", obj().put("doctorId", nwosu)
                .put("serviceCode", "TELECONSULT").put("visitType", "VIDEO").put("start", tomorrow + "T11:00")
                .put("reason", "Results of the thyroid panel"))).path("id").asText();
        String id = Await.value("the video appointment has a room", BOUND, () -> {
            for (JsonNode c : ok(patient.get(TELE + "/my/consultations"))) {
                if (c.path("appointmentId").asText().equals(appointment)) {
                    return c.path("id").asText();
                }
            }
            return null;
        });
        assertEquals("WAITING", ok(patient.post(TELE + "/my/consultations/" + id + "/arrive", obj()))
                .path("state").asText());
        Signal before = Signal.open(wsBase() + ok(patient.post(TELE + "/my/consultations/" + id + "/signal-ticket",
                obj())).path("path").asText());
        assertEquals("welcome", before.next().path("type").asText());
        before.close();

        // Reception's screen and a chart lookup in the EMR, polled the whole time.
        List<String> watched = List.of("/", "/api/v1/emr/patients/" + ifeoma);
        Reception reception = Reception.watch(watched, admin.token());
        try {
            withFeatures(f -> f.uninstallFeature("pavilion-telemedicine", NO_REFRESH));
            Await.until("telemedicine is gone", BOUND, () -> assertEquals(404,
                    Http.anonymous(baseUrl()).get(TELE + "/consultations/waiting").status));
            withFeatures(f -> f.installFeature("pavilion-telemedicine", NO_REFRESH));
            JsonNode welcome = Await.value("Ifeoma's waiting room connects again", BOUND, () -> {
                Http.Response ticket = patient.post(TELE + "/my/consultations/" + id + "/signal-ticket", obj());
                if (ticket.status != 200) {
                    return null;
                }
                Signal again = Signal.open(wsBase() + ticket.json().path("path").asText());
                try {
                    return again.next();
                } finally {
                    again.close();
                }
            });
            assertEquals("welcome", welcome.path("type").asText());
            assertEquals("WAITING", welcome.path("state").asText());
            // Pax Web applies registrations on its own thread: keep watching a little after everything answers.
            TimeUnit.SECONDS.sleep(3);
        } finally {
            reception.stop();
            System.out.println("Telemedicine off and on: " + reception.requests() + " requests to " + watched + ", "
                    + reception.failures().size() + " not 2xx " + reception.failures());
        }
        assertTrue("reception was actually watching: " + reception.requests(), reception.requests() >= 20);
        assertEquals("every answer to the web UI and the EMR was 2xx", List.of(), reception.failures());
    }

    /** The video consultation service, made by whichever test comes first. */
    private static void videoService(Http admin) throws Exception {
        Http.Response service = admin.post(SCHEDULING + "/services", obj().put("code", "TELECONSULT")
                .put("name", "Video consultation").put("slotMinutes", 20)
                .set("visitTypes", Http.json().createArrayNode().add("VIDEO")));
        assertTrue(service.toString(), service.status == 201 || service.status == 409);
    }

    /** A PNG's signature and header: what the EMR's type check reads. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
        'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};

    /** The raw file as the body, typed by its Content-Type, as the call page sends it. */
    private static Http.Response share(Http who, String path, String contentType, byte[] content) throws Exception {
        java.net.http.HttpResponse<String> r = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(baseUrl() + path)).header("Authorization", "Bearer " + who.token())
                .header("Accept", "application/json").header("Content-Type", contentType)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), null);
    }

    private static JsonNode encounter(Http who, String mrn, String encounterId) throws Exception {
        for (JsonNode e : ok(who.get("/api/v1/emr/records/" + mrn + "/encounters"))) {
            if (e.path("id").asText().equals(encounterId)) {
                return e;
            }
        }
        throw new AssertionError("no encounter " + encounterId + " in " + mrn + "'s record");
    }

    private static String doctor(Http admin) throws Exception {
        return doctor(admin, "Dr Kwame Osei", "dr.tele.osei");
    }

    private static String doctor(Http admin, String displayName, String username) throws Exception {
        ObjectNode d = obj().put("displayName", displayName).put("title", "MD").put("username", username);
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

    /** The signalling's own servlet context, apart from the "/" of the web UI and /api. */
    private static final String SIGNAL = "/telemedicine-signal/";

    private static Signal connect(JsonNode access) throws Exception {
        String path = access.path("path").asText();
        assertTrue(access.toString(), path.startsWith(SIGNAL));
        return Signal.open(wsBase() + path);
    }

    private static Signal connectRaw(String consultationId, String ticket) throws Exception {
        return Signal.open(wsBase() + SIGNAL + consultationId + "?ticket=" + ticket);
    }

    private static String wsBase() {
        return "ws://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY);
    }

    /**
     * GETs each path in turn (with the bearer token) until stopped, at most five minutes, and keeps every answer that
     * is not 2xx (a connection refused counts as status 0).
     */
    static final class Reception {
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger requests =
                new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean running = true;
        private Thread thread;

        static Reception watch(List<String> paths, String token) {
            Reception r = new Reception();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            r.thread = new Thread(() -> {
                while (r.running && System.nanoTime() < until) {
                    for (String path : paths) {
                        int status;
                        try {
                            status = client.send(java.net.http.HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20))
                                    .GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (java.io.IOException e) {
                            status = 0;
                        } catch (InterruptedException e) {
                            return;
                        }
                        r.requests.incrementAndGet();
                        if (status < 200 || status > 299) {
                            r.failures.add(java.time.Instant.now() + " " + status + " " + path);
                        }
                    }
                    try {
                        TimeUnit.MILLISECONDS.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "reception-watch");
            r.thread.setDaemon(true);
            r.thread.start();
            return r;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }

        int requests() {
            return requests.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }
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

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
