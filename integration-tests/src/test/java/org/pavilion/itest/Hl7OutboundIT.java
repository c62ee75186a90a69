package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.CamelContext;
import org.junit.AfterClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * An outbound ADT feed as the receiving system sees it: a HAPI server in the test (HapiContext.newServer) is the
 * ward system the feed {@code itest} (etc/org.pavilion.hl7.feed-itest.cfg, v2.5.1) sends to. Registrations and
 * updates made at the desk arrive as A04 then A08, queued while the ward system is down and delivered in order
 * when it is up; an AE is retried, a message refused every time is parked and retried over REST; a merge is an
 * A40; the queue outlives the hub being uninstalled, and removing the feed or the hub leaves no thread or route;
 * without the EMR the feed idles, and feeds again when the EMR is back.
 * Methods run in name order, as a day of the feed; each uses its own patients.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class Hl7OutboundIT extends PavilionTestSupport {

    static final String PORT_PROPERTY = "pavilion.itest.hl7.feed.port";
    static final String FEED = "itest";
    static final String CFG = "org.pavilion.hl7.feed-" + FEED + ".cfg";
    static final String THREAD = "hl7-feed-" + FEED;
    static final Duration BOUND = Duration.ofSeconds(60);

    private static WardSystem ward;

    @Override
    protected Option[] extraOptions() {
        int port;
        try {
            port = freePort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String cfg = "etc/" + CFG;
        return new Option[] {
            editConfigurationFilePut(cfg, "name", FEED),
            editConfigurationFilePut(cfg, "host", "localhost"),
            editConfigurationFilePut(cfg, "port", String.valueOf(port)),
            editConfigurationFilePut(cfg, "version", "2.5.1"),
            editConfigurationFilePut(cfg, "receivingApplication", "WARD"),
            editConfigurationFilePut(cfg, "mrnAuthority", "PAV"),
            editConfigurationFilePut(cfg, "retryInitialMs", "200"),
            editConfigurationFilePut(cfg, "retryMaxMs", "1000"),
            editConfigurationFilePut(cfg, "ackTimeoutMs", "5000"),
            editConfigurationFilePut(cfg, "maxAttempts", "3"),
            editConfigurationFilePut(cfg, "pollIntervalMs", "100"),
            systemProperty(PORT_PROPERTY).value(String.valueOf(port))};
    }

    @AfterClass
    public static void stopWard() throws Exception {
        if (ward != null) {
            ward.stop();
        }
    }

    // ---- the ward system: HAPI's own MLLP server ----------------------------------------------------------------

    /**
     * A receiving system on HAPI's server. It answers AA, or for a patient whose family name is scripted, the
     * scripted codes first. It records every message it got and, apart, those it accepted.
     */
    static final class WardSystem implements ReceivingApplication<Message> {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final Map<String, Deque<String>> scripted = new ConcurrentHashMap<>();
        private HapiContext hapi;
        private HL7Service server;
        private ExecutorService threads;

        void start(int port) throws Exception {
            withHapi(() -> {
                // HAPI's workers run with its class loader as context loader (it finds the structures of each
                // version on pavilion-camel's class path); its default pool is a JVM-wide one nobody stops.
                threads = Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "itest-ward-system");
                    t.setContextClassLoader(HapiContext.class.getClassLoader());
                    t.setDaemon(true);
                    return t;
                });
                hapi = new DefaultHapiContext(threads);
                hapi.setValidationContext(ValidationContextFactory.noValidation());
                hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
                server = hapi.newServer(port, false);
                server.registerApplication("*", "*", this);
                server.startAndWait();
                return null;
            });
        }

        void stop() throws Exception {
            if (server != null) {
                server.stopAndWait();
                hapi.close();
                threads.shutdownNow();
                server = null;
            }
        }

        void answer(String familyName, String... codes) {
            scripted.put(familyName, new ArrayDeque<>(List.of(codes)));
        }

        @Override
        public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
            String text = message.encode();
            received.add(text);
            Terser t = new Terser(message);
            String family = t.get("/.PID-5-1");
            Deque<String> codes = family == null ? null : scripted.get(family);
            String code = codes == null ? null : codes.poll();
            try {
                if (code != null) {
                    return message.generateACK(AcknowledgmentCode.valueOf(code),
                            new HL7Exception("ward system says " + code + " for " + family));
                }
                accepted.add(text);
                return message.generateACK();
            } catch (java.io.IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }
    }

    private static <T> T withHapi(Callable<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(HapiContext.class.getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static WardSystem ward() {
        if (ward == null) {
            ward = new WardSystem();
        }
        return ward;
    }

    private static void startWard() throws Exception {
        ward().start(Integer.parseInt(System.getProperty(PORT_PROPERTY)));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The message as the ward system parsed it: field values by Terser path; null where it has no such segment. */
    static String field(String text, String path) throws Exception {
        return withHapi(() -> {
            try (HapiContext c = new DefaultHapiContext()) {
                c.setValidationContext(ValidationContextFactory.noValidation());
                return new Terser(c.getPipeParser().parse(text)).get(path);
            } catch (HL7Exception noSuchSegment) {
                return null;
            }
        });
    }

    /** Messages about one MRN (PID-3 or MRG-1) that the ward system accepted, in arrival order. */
    static List<String> acceptedFor(String mrn) throws Exception {
        List<String> out = new ArrayList<>();
        for (String m : ward().accepted) {
            if (mrn.equals(field(m, "/.PID-3-1")) || mrn.equals(field(m, "/.MRG-1-1"))) {
                out.add(m);
            }
        }
        return out;
    }

    static List<String> receivedFor(String mrn) throws Exception {
        List<String> out = new ArrayList<>();
        for (String m : ward().received) {
            if (mrn.equals(field(m, "/.PID-3-1"))) {
                out.add(m);
            }
        }
        return out;
    }

    private Http admin() throws Exception {
        Http admin = loginAsAdmin();
        CamelContext camel = awaitService(CamelContext.class, "(camel.context.name=pavilion)", BOOT_BOUND);
        Await.until("the feed's subscriber route runs", BOOT_BOUND, () -> assertTrue(camel.getRoute(THREAD) != null));
        return admin;
    }

    private static Http user(Http admin, String username, String role) throws Exception {
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertTrue(r.toString(), r.status == 201 || r.status == 409);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static Http desk(Http admin) throws Exception {
        return user(admin, "out.desk", "RECEPTIONIST");
    }

    private static Http integrator(Http admin) throws Exception {
        return user(admin, "out.integrator", "INTEGRATION");
    }

    private static ObjectNode patient(String given, String family, String sex, String birthDate) {
        return Http.json().createObjectNode().put("givenName", given).put("familyName", family).put("sex", sex)
                .put("birthDate", birthDate);
    }

    private static String register(Http desk, ObjectNode body) throws Exception {
        Http.Response r = desk.post("/api/v1/emr/patients", body);
        assertEquals(r.toString(), 201, r.status);
        return r.json().path("mrn").asText();
    }

    /** The feed's rows for a patient, oldest first, as an integrator lists them. */
    private static List<JsonNode> rows(Http integrator, String mrn) throws Exception {
        Http.Response r = integrator.get("/api/v1/hl7/outbound?feed=" + FEED + "&size=200");
        assertEquals(r.toString(), 200, r.status);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : r.json().path("items")) {
            if (mrn.equals(row.path("patientKey").asText()) || mrn.equals(row.path("relatedKey").asText())) {
                out.add(0, row);
            }
        }
        return out;
    }

    private static boolean feedThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(THREAD) && t.isAlive());
    }

    // ---- the day ----------------------------------------------------------------------------------------------

    @Test
    public void t01_registrationAndUpdateWaitForTheDownWardSystemThenArriveAsA04ThenA08() throws Exception {
        Http admin = admin();
        Http desk = desk(admin);
        Http integrator = integrator(admin);
        // the ward system is not started yet
        String mrn = register(desk, patient("Adaeze", "Okafor", "FEMALE", "1975-03-12").put("preferredLanguage", "en"));
        Http.Response updated = desk.put("/api/v1/emr/patients/" + mrn,
                patient("Adaeze", "Okafor-Bello", "FEMALE", "1975-03-12").put("preferredLanguage", "en"));
        assertEquals(updated.toString(), 200, updated.status);

        Await.until("both messages are queued and the first was tried", BOUND, () -> {
            List<JsonNode> rows = rows(integrator, mrn);
            assertEquals(rows.toString(), 2, rows.size());
            assertEquals("ADT^A04", rows.get(0).path("messageType").asText());
            assertEquals("ADT^A08", rows.get(1).path("messageType").asText());
            for (JsonNode row : rows) {
                assertEquals(row.toString(), "PENDING", row.path("status").asText());
            }
            assertTrue(rows.toString(), rows.get(0).path("attempts").asInt() >= 1);
            assertFalse(rows.toString(), rows.get(0).path("lastError").asText().isEmpty());
            // the update is held back behind the registration
            assertEquals(rows.toString(), 0, rows.get(1).path("attempts").asInt());
        });

        startWard();
        Await.until("the ward system accepted both", BOUND, () -> assertEquals(2, acceptedFor(mrn).size()));
        List<String> got = acceptedFor(mrn);
        String a04 = got.get(0);
        String a08 = got.get(1);
        assertEquals("A04", field(a04, "MSH-9-2"));
        assertEquals("2.5.1", field(a04, "MSH-12-1"));
        assertEquals("WARD", field(a04, "MSH-5-1"));
        assertEquals(mrn, field(a04, "/.PID-3-1"));
        assertEquals("PAV", field(a04, "/.PID-3-4"));
        assertEquals("Okafor", field(a04, "/.PID-5-1"));
        assertEquals("Adaeze", field(a04, "/.PID-5-2"));
        assertEquals("19750312", field(a04, "/.PID-7-1"));
        assertEquals("F", field(a04, "/.PID-8"));
        assertEquals("A08", field(a08, "MSH-9-2"));
        assertEquals("Okafor-Bello", field(a08, "/.PID-5-1"));
        assertNotEquals(field(a04, "MSH-10"), field(a08, "MSH-10"));

        Await.until("both rows SENT with AA", BOUND, () -> {
            for (JsonNode row : rows(integrator, mrn)) {
                assertEquals(row.toString(), "SENT", row.path("status").asText());
                assertEquals(row.toString(), "AA", row.path("ackCode").asText());
            }
        });
        JsonNode first = rows(integrator, mrn).get(0);
        Http.Response one = integrator.get("/api/v1/hl7/outbound/" + first.path("id").asText());
        assertEquals(one.toString(), 200, one.status);
        assertTrue(one.body, one.json().path("messageText").asText().startsWith("MSH|^~\\&|PAVILION|"));
        assertTrue(one.body, one.json().path("ackText").asText().contains("MSA|AA|" + first.path("controlId").asText()));
    }

    @Test
    public void t02_aMessageAnsweredAEIsSentAgainWithTheSameControlIdAndThenAccepted() throws Exception {
        Http admin = admin();
        Http integrator = integrator(admin);
        if (ward().server == null) {
            startWard();
        }
        ward().answer("Mensah", "AE");
        String mrn = register(desk(admin), patient("Kwame", "Mensah", "MALE", "1968-11-30"));
        Await.until("accepted on the second attempt", BOUND, () -> assertEquals(1, acceptedFor(mrn).size()));
        List<String> received = receivedFor(mrn);
        assertEquals(2, received.size());
        assertEquals(field(received.get(0), "MSH-10"), field(received.get(1), "MSH-10"));
        Await.until("the row says SENT after 2 attempts", BOUND, () -> {
            JsonNode row = rows(integrator, mrn).get(0);
            assertEquals(row.toString(), "SENT", row.path("status").asText());
            assertEquals(row.toString(), 2, row.path("attempts").asInt());
        });
    }

    @Test
    public void t03_aMergeAtTheDeskIsAnA40NamingSurvivorAndDuplicateWithTheirNames() throws Exception {
        Http admin = admin();
        Http desk = desk(admin);
        if (ward().server == null) {
            startWard();
        }
        String duplicate = register(desk, patient("Fatima", "Diallo", "FEMALE", "1990-07-21"));
        String survivor = register(desk, patient("Fatimata", "Diallo-Sow", "FEMALE", "1990-07-21"));
        Http.Response merged = desk.post("/api/v1/emr/patients/" + survivor + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", duplicate).put("reason", "Same person, registered twice"));
        assertEquals(merged.toString(), 200, merged.status);
        Await.until("the A40 arrived after both registrations", BOUND, () -> {
            List<String> got = acceptedFor(survivor);
            assertEquals(2, got.size());
            assertEquals("A40", field(got.get(1), "MSH-9-2"));
        });
        String a40 = acceptedFor(survivor).get(1);
        assertEquals(survivor, field(a40, "/.PID-3-1"));
        assertEquals(duplicate, field(a40, "/.MRG-1-1"));
        assertEquals("PAV", field(a40, "/.MRG-1-4"));
        assertEquals("a strict receiver needs the survivor's name on A40", "Diallo-Sow", field(a40, "/.PID-5-1"));
        assertEquals("Fatimata", field(a40, "/.PID-5-2"));
        assertEquals("19900721", field(a40, "/.PID-7-1"));
        assertEquals("the duplicate's name as it was", "Diallo", field(a40, "/.MRG-7-1"));
        List<String> dup = acceptedFor(duplicate);
        assertEquals("A04", field(dup.get(0), "MSH-9-2"));
        assertEquals(a40, dup.get(1));
    }

    @Test
    public void t04_aMessageRefusedEveryTimeIsParkedListedAndRetriedByAnIntegrator() throws Exception {
        Http admin = admin();
        Http desk = desk(admin);
        Http integrator = integrator(admin);
        if (ward().server == null) {
            startWard();
        }
        ward().answer("Nakamura", "AR", "AR", "AR");
        String refused = register(desk, patient("Yuki", "Nakamura", "FEMALE", "2001-01-09"));
        String next = register(desk, patient("Tomas", "Novak", "MALE", "1959-05-17"));
        Await.until("the refused message is parked after 3 attempts", BOUND, () -> {
            JsonNode row = rows(integrator, refused).get(0);
            assertEquals(row.toString(), "FAILED", row.path("status").asText());
            assertEquals(row.toString(), 3, row.path("attempts").asInt());
            assertEquals(row.toString(), "AR", row.path("ackCode").asText());
            assertTrue(row.toString(), row.path("lastError").asText().startsWith("AR"));
        });
        Await.until("another patient's message went on meanwhile", BOUND, () -> assertEquals(1,
                acceptedFor(next).size()));
        Http.Response failed = integrator.get("/api/v1/hl7/outbound?feed=" + FEED + "&status=FAILED");
        assertEquals(failed.toString(), 200, failed.status);
        assertEquals(failed.body, 1, failed.json().path("total").asLong());
        String id = failed.json().path("items").get(0).path("id").asText();

        assertEquals(403, desk.post("/api/v1/hl7/outbound/" + id + "/retry", null).status);
        assertEquals(400, integrator.get("/api/v1/hl7/outbound?status=LOST").status);
        assertEquals(404, integrator.post("/api/v1/hl7/outbound/999999999/retry", null).status);
        Http.Response retried = integrator.post("/api/v1/hl7/outbound/" + id + "/retry", null);
        assertEquals(retried.toString(), 200, retried.status);
        Await.until("the retried message is accepted", BOUND, () -> assertEquals(1, acceptedFor(refused).size()));
        Await.until("the row is SENT", BOUND, () -> assertEquals("SENT",
                rows(integrator, refused).get(0).path("status").asText()));
        assertEquals(409, integrator.post("/api/v1/hl7/outbound/" + id + "/retry", null).status);

        Http.Response audit = admin.get("/api/v1/platform/audit?resourceType=hl7-outbound&size=50");
        assertEquals(audit.toString(), 200, audit.status);
        assertTrue(audit.body, audit.body.contains("RETRY"));
    }

    @Test
    public void t05_theQueueOutlivesTheHubBeingUninstalledWhichLeavesNoThreadOrRoute() throws Exception {
        Http admin = admin();
        Http desk = desk(admin);
        Http integrator = integrator(admin);
        ward().stop();
        String mrn = register(desk, patient("Sipho", "Dlamini", "MALE", "1980-02-29"));
        Await.until("queued and tried against the stopped ward system", BOUND, () -> {
            JsonNode row = rows(integrator, mrn).get(0);
            assertEquals(row.toString(), "PENDING", row.path("status").asText());
            assertTrue(row.toString(), row.path("attempts").asInt() >= 1);
        });
        assertTrue(feedThreadRuns());

        CamelContext camel = awaitService(CamelContext.class, "(camel.context.name=pavilion)", BOOT_BOUND);
        everyDepartmentItsOwnRootRequirement();
        withFeatures(f -> f.uninstallFeature("pavilion-hl7", NO_REFRESH));
        Await.until("the hub, its feed thread and route are gone", BOUND, () -> {
            assertEquals(404, integrator.get("/api/v1/hl7/outbound").status);
            assertFalse("feed thread still alive", feedThreadRuns());
            assertTrue(camel.getRoute(THREAD) == null);
        });

        startWard();
        withFeatures(f -> f.installFeature("pavilion-hl7", NO_REFRESH));
        Await.until("the queued registration is delivered after the hub is back", BOUND,
                () -> assertEquals(1, acceptedFor(mrn).size()));
        assertEquals("A04", field(acceptedFor(mrn).get(0), "MSH-9-2"));
        Await.until("SENT", BOUND, () -> assertEquals("SENT", rows(integrator, mrn).get(0).path("status").asText()));
    }

    @Test
    public void t06_deletingTheFeedsFileStopsItAndRestoringItResumes() throws Exception {
        Http admin = admin();
        Http integrator = integrator(admin);
        if (ward().server == null) {
            startWard();
        }
        CamelContext camel = awaitService(CamelContext.class, "(camel.context.name=pavilion)", BOOT_BOUND);
        Path cfg = Paths.get(System.getProperty("karaf.etc")).resolve(CFG);
        String content = Files.readString(cfg, StandardCharsets.ISO_8859_1);
        Await.until("the feed runs", BOUND, () -> assertTrue(feedThreadRuns()));
        Files.delete(cfg);
        Await.until("the feed's thread and route are gone", BOUND, () -> {
            assertFalse("feed thread still alive", feedThreadRuns());
            assertTrue(camel.getRoute(THREAD) == null);
        });
        String mrn = register(desk(admin), patient("Ingrid", "Halvorsen", "FEMALE", "1947-12-24"));
        Files.writeString(cfg, content, StandardCharsets.ISO_8859_1);
        Await.until("the feed is back", BOUND, () -> {
            assertTrue(feedThreadRuns());
            assertTrue(camel.getRoute(THREAD) != null);
        });
        // its subscription was kept while the feed was away: the registration made meanwhile is sent now
        Await.until("the registration made while the feed was away arrives", BOUND,
                () -> assertEquals(1, acceptedFor(mrn).size()));
        assertEquals(1, rows(integrator, mrn).size());
    }

    @Test
    public void t07_withoutTheEmrTheFeedIdlesAndWhenItIsBackItFeedsAgain() throws Exception {
        Http admin = admin();
        Http integrator = integrator(admin);
        if (ward().server == null) {
            startWard();
        }
        everyDepartmentItsOwnRootRequirement();
        long before = integrator.get("/api/v1/hl7/outbound?feed=" + FEED).json().path("total").asLong();
        withFeatures(f -> f.uninstallFeature("pavilion-emr", NO_REFRESH));
        Await.until("the EMR is gone", BOUND, () -> assertEquals(404, admin.get("/api/v1/emr/patients").status));
        // the hub and its feed do not need the EMR: still running, nothing queued, nothing failed
        Await.until("the feed keeps running", BOUND, () -> {
            assertTrue(feedThreadRuns());
            assertEquals(200, integrator.get("/api/v1/hl7/outbound").status);
        });
        JsonNode page = integrator.get("/api/v1/hl7/outbound?feed=" + FEED).json();
        assertEquals(before, page.path("total").asLong());
        assertEquals(0, integrator.get("/api/v1/hl7/outbound?feed=" + FEED + "&status=PENDING").json().path("total")
                .asLong());

        withFeatures(f -> f.installFeature("pavilion-emr", NO_REFRESH));
        Await.until("the EMR is back", BOUND, () -> assertEquals(400, admin.get("/api/v1/emr/patients").status));
        String mrn = Await.value("a registration at the desk again", BOUND, () -> {
            Http.Response r = desk(admin).post("/api/v1/emr/patients", patient("Oskar", "Lindgren", "MALE", "1938-04-04"));
            return r.status == 201 ? r.json().path("mrn").asText() : null;
        });
        Await.until("the ward system hears of it", BOUND, () -> assertEquals(1, acceptedFor(mrn).size()));
    }
}
