package org.pavilion.itest.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllpServer;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

import ca.uhn.hl7v2.model.Message;

/**
 * The registration system's ADT feed is running when the platform dies (kill -9 of the JVM, a power cut as far as
 * the platform can tell). After the restart every message that was answered AA is stored PROCESSED and its patient
 * exists exactly once; the feed system then sends its whole feed again, as it does after losing its connection: all
 * answered AA, nothing applied twice. An integrator's route copying every accepted message to another system
 * ({@code pavilion-hl7:inbound} to MLLP) has, in the end, handed on every message ever answered AA, across the kill
 * (at least once). Runs on the database chosen by {@code pavilion.itest.db}.
 */
public class Hl7KillRecoveryIT {

    private static final Duration BOOT = PavilionTestSupport.BOOT_BOUND;
    private static final int PATIENTS = 2_400;
    private static final int CONNECTIONS = 4;
    /** The kill comes once this many messages were answered AA: well inside the feed. */
    private static final int KILL_AFTER_AA = 900;
    private static final String SENDER = "REGSYS|GENHOSP";
    /** The feed's messages only (the copy route's probes come from another sender). */
    private static final String FEED = "&sender=" + URLEncoder.encode(SENDER, StandardCharsets.UTF_8);

    @Test
    public void everyMessageAnsweredAaBeforeAKillIsAppliedExactlyOnceAndTheResentFeedChangesNothing()
            throws Exception {
        int copyPort = PavilionTestSupport.freePort();
        try (DistributionProcess pavilion = DistributionProcess.unpack("hl7-kill");
             HapiMllpServer copy = new HapiMllpServer(copyPort)) {
            int port = PavilionTestSupport.freePort();
            pavilion.writeEtc("org.pavilion.hl7.listener-default.cfg", "port", String.valueOf(port));
            // An integrator's route copying every accepted message to another system: it must miss none either.
            Path routes = pavilion.home().resolve("etc/routes");
            Files.createDirectories(routes);
            Files.writeString(routes.resolve("kill-copy.yaml"), "- route:\n    id: hl7-kill-copy\n    from:\n"
                    + "      uri: pavilion-hl7:inbound\n      steps:\n        - to:\n            uri: mllp:127.0.0.1:"
                    + copyPort + "\n", StandardCharsets.UTF_8);
            pavilion.start();
            pavilion.awaitHealthy(BOOT);
            awaitHub(pavilion, port);
            Set<String> copied = ConcurrentHashMap.newKeySet();
            awaitCopyRoute(port, copy, copied);

            // ---- the feed, killed in the middle ----
            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicInteger notAa = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<Exception> lost = new java.util.concurrent.atomic.AtomicReference<>();
            ExecutorService feeds = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int conn = c;
                running.add(feeds.submit(() -> {
                    try (MllpFeed feed = new MllpFeed("127.0.0.1", port, 10)) {
                        for (int i = conn; i < PATIENTS; i += CONNECTIONS) {
                            String code = feed.send(feed.parse(message(i)));
                            if ("AA".equals(code)) {
                                acked.add(controlId(i));
                            } else {
                                notAa.incrementAndGet();
                            }
                        }
                    } catch (Exception connectionLost) {
                        // the platform died under this connection: the message in flight got no ACK
                        lost.compareAndSet(null, connectionLost);
                    }
                    return null;
                }));
            }
            Await.until(KILL_AFTER_AA + " messages answered AA", Duration.ofMinutes(3),
                    () -> assertTrue(acked.size() + " AA so far; first connection lost: " + lost.get(),
                            acked.size() >= KILL_AFTER_AA));
            pavilion.kill();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            feeds.shutdown();
            Set<String> ackedBeforeKill = new HashSet<>(acked);
            assertEquals("messages answered other than AA", 0, notAa.get());
            assertTrue("the kill came before the end of the feed: " + ackedBeforeKill.size(),
                    ackedBeforeKill.size() < PATIENTS);

            // ---- restart: every AA'd message is there, processed, its patient there once ----
            pavilion.start();
            pavilion.awaitHealthy(BOOT);
            Http admin = awaitHub(pavilion, port);
            // Health is up before pax-web has settled its last registrations (each restarts the "/" context: a
            // moment of 404 for every path), so wait until the EMR's search answers before counting with it.
            Await.until("the EMR serves after the restart", Duration.ofMinutes(1), () -> assertEquals(200,
                    admin.get("/api/v1/emr/patients?name=Faulka&fuzzy=false&size=1").status));
            Await.until("start-up recovery finishes the messages stored but never answered", Duration.ofMinutes(2),
                    () -> assertEquals(0, total(admin, "/api/v1/hl7/messages?status=RECEIVED&size=1")));
            Set<String> processed = processedControlIds(admin);
            Set<String> missing = new HashSet<>(ackedBeforeKill);
            missing.removeAll(processed);
            assertTrue(missing.size() + " messages answered AA are not PROCESSED, e.g. "
                    + missing.stream().limit(5).toList(), missing.isEmpty());
            assertEquals("one patient per processed message, none twice", processed.size(), faultPatients(admin));
            for (String id : ackedBeforeKill.stream().sorted().limit(20).toList()) {
                assertEquals("patient of " + id, 1, patientsNamed(admin, familyName(id)));
            }

            // ---- the feed system resends everything ----
            Set<String> resentAa = ConcurrentHashMap.newKeySet();
            ExecutorService resend = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<?>> again = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int conn = c;
                again.add(resend.submit(() -> {
                    try (MllpFeed feed = new MllpFeed("127.0.0.1", port, 30)) {
                        for (int i = conn; i < PATIENTS; i += CONNECTIONS) {
                            Message m = feed.parse(message(i));
                            if ("AA".equals(feed.send(m))) {
                                resentAa.add(controlId(i));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : again) {
                f.get(5, TimeUnit.MINUTES);
            }
            resend.shutdown();
            assertEquals("every message of the resent feed answered AA", PATIENTS, resentAa.size());
            assertEquals(PATIENTS, total(admin, "/api/v1/hl7/messages?status=PROCESSED&size=1" + FEED));
            assertEquals("each message stored once", PATIENTS, total(admin, "/api/v1/hl7/messages?size=1" + FEED));
            assertEquals("patients = distinct patients of the feed", PATIENTS, faultPatients(admin));

            // ---- the integrator's copy: every accepted message, across the kill (at least once) ----
            Await.until("the copy route delivered every accepted message", Duration.ofMinutes(3), () -> {
                collect(copy, copied);
                Set<String> notCopied = new HashSet<>(resentAa);
                notCopied.removeAll(copied);
                assertTrue(notCopied.size() + " accepted messages never reached the copy, e.g. "
                        + notCopied.stream().sorted().limit(5).toList(), notCopied.isEmpty());
            });
        }
    }

    /**
     * REST of the hub and the EMR published, and the MLLP listener accepting: its route starts a moment after the
     * REST resources, and a feed connecting before would be refused.
     */
    private static Http awaitHub(DistributionProcess pavilion, int port) throws Exception {
        // The login resource may be published a moment after the health resource answers UP.
        String password = pavilion.adminPassword();
        Http admin = Await.value("admin signs in", BOOT, () -> Http.login(pavilion.baseUrl(), "admin", password));
        Await.until("HL7 and EMR REST published", BOOT, () -> {
            assertEquals(200, admin.get("/api/v1/hl7/messages").status);
            assertEquals(400, admin.get("/api/v1/emr/patients").status);
        });
        Await.until("the MLLP listener accepts connections on " + port, BOOT, () -> {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                assertTrue(probe.isConnected());
            }
        });
        return admin;
    }

    /**
     * Probes (sender PROBESYS, patients "Probe") until the copy route hands one on: a route new to the store starts
     * with the messages accepted after it started, so the feed waits for it.
     */
    private static void awaitCopyRoute(int port, HapiMllpServer copy, Set<String> copied) throws Exception {
        int[] probe = {0};
        try (MllpFeed feed = new MllpFeed("127.0.0.1", port, 10)) {
            Await.until("the copy route runs", BOOT, () -> {
                String id = String.format("PROBE-%03d", ++probe[0]);
                String text = MllpFeed.a04(id, "P" + id, "Probe", "Route", "19700101", "F").replace("|REGSYS|", "|PROBESYS|");
                assertEquals("AA", feed.send(feed.parse(text)));
                Await.until("probe " + id + " copied", Duration.ofSeconds(5), () -> {
                    collect(copy, copied);
                    assertTrue(copied.contains(id));
                });
            });
        }
    }

    /** Control ids of what the copy system received so far. */
    private static void collect(HapiMllpServer copy, Set<String> copied) {
        for (String m : copy.drain()) {
            copied.add(m.split("\r", 2)[0].split("\\|", -1)[9]);
        }
    }

    static String controlId(int i) {
        return String.format("KILL-%05d", i);
    }

    /** A family name of its own per patient (fixed length, so a prefix search finds only that patient). */
    static String familyName(String controlId) {
        int i = Integer.parseInt(controlId.substring(5));
        StringBuilder b = new StringBuilder("Faulk");
        for (int k = 0; k < 4; k++) {
            b.append((char) ('a' + i % 26));
            i /= 26;
        }
        return b.toString();
    }

    static String message(int i) {
        String id = controlId(i);
        return MllpFeed.a04(id, String.format("K%06d", i), familyName(id), "Feed", "19700101", i % 2 == 0 ? "F" : "M");
    }

    private static long total(Http admin, String path) throws Exception {
        Http.Response r = admin.get(path);
        assertEquals(r.toString(), 200, r.status);
        return r.json().path("total").asLong();
    }

    private static Set<String> processedControlIds(Http admin) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int page = 0;; page++) {
            Http.Response r = admin.get("/api/v1/hl7/messages?status=PROCESSED&sender="
                    + URLEncoder.encode(SENDER, StandardCharsets.UTF_8) + "&size=200&page=" + page);
            assertEquals(r.toString(), 200, r.status);
            JsonNode items = r.json().path("items");
            for (JsonNode m : items) {
                ids.add(m.path("controlId").asText());
            }
            if (items.size() < 200) {
                return ids;
            }
        }
    }

    /**
     * Patients of this feed: every family name starts with "Faulk" (prefix search, no typo matches), counted per
     * next letter (under 80 each), as the EMR counts a rank exactly only up to 1,000 hits.
     */
    private static long faultPatients(Http admin) throws Exception {
        long n = 0;
        for (char c = 'a'; c <= 'z'; c++) {
            Http.Response r = admin.get("/api/v1/emr/patients?name=Faulk" + c + "&fuzzy=false&size=1");
            assertEquals(r.toString(), 200, r.status);
            n += r.json().path("total").asLong();
        }
        return n;
    }

    private static long patientsNamed(Http admin, String family) throws Exception {
        return total(admin, "/api/v1/emr/patients?name=" + family + "&fuzzy=false&size=1");
    }
}
