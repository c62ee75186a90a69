package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllp;
import org.pavilion.testsupport.HapiMllpServer;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.hl7v2.util.SocketFactory;
import ca.uhn.hl7v2.util.StandardSocketFactory;

/**
 * The MLLP transport of the HL7 hub, attacked from loopback: listeners configured at runtime (factory configuration
 * org.pavilion.hl7.listener) with allow-lists, TLS, mutual TLS, a short idle timeout and a small message bound; an
 * outbound feed over TLS to HAPI's own TLS server. The test PKI (a CA, a server certificate for 127.0.0.1, a client
 * certificate, and a certificate of a CA nobody trusts) is made with the JDK's keytool in the container.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Hl7TransportSecurityIT extends PavilionTestSupport {

    static final Duration BOUND = Duration.ofSeconds(60);
    static final String PASSWORD = "itest-store-secret";
    private static Path pki;

    // ---- helpers ------------------------------------------------------------------------------------------------

    @org.junit.Before
    public void containerIsUp() throws Exception {
        if (h2()) {
            awaitHealthy();
        }
    }

    private static boolean h2() {
        return "h2".equals(database());
    }

    private static synchronized Path pki() throws Exception {
        if (pki == null) {
            Path dir = Files.createTempDirectory("hl7-pki");
            keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=Itest CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-keypass", PASSWORD);
            keytool(dir, "-exportcert", "-alias", "ca", "-rfc", "-file", "ca.crt", "-keystore", "ca.p12");
            keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12");
            signed(dir, "server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "ca.p12");
            signed(dir, "client", "CN=lab-client,O=Main Hospital", null, "ca.p12");
            keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=Nobody's CA", "-ext", "bc:c", "-validity", "2", "-keystore", "other-ca.p12",
                    "-keypass", PASSWORD);
            signed(dir, "stranger", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "other-ca.p12");
            pki = dir;
        }
        return pki;
    }

    private static void signed(Path dir, String name, String dname, String san, String ca) throws Exception {
        String store = name + ".p12";
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store, "-keypass", PASSWORD);
        keytool(dir, "-certreq", "-alias", name, "-file", name + ".csr", "-keystore", store);
        List<String> gen = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-infile", name + ".csr",
                "-outfile", name + ".crt", "-rfc", "-validity", "2", "-keystore", ca));
        if (san != null) {
            gen.addAll(List.of("-ext", san));
        }
        keytool(dir, gen.toArray(new String[0]));
        keytool(dir, "-exportcert", "-alias", "ca", "-rfc", "-file", name + "-ca.crt", "-keystore", ca);
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", name + "-ca.crt", "-keystore", store);
        keytool(dir, "-importcert", "-alias", name, "-file", name + ".crt", "-keystore", store);
    }

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(Arrays.asList(args));
        cmd.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    private static String store(String name) throws Exception {
        return pki().resolve(name + ".p12").toString();
    }

    /** An SSLContext trusting the test CA, with the named client key store (null: no client certificate). */
    private static SSLContext sslContext(String keyStoreName, String trustStoreName) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki().resolve(trustStoreName + ".p12"))) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (keyStoreName != null) {
            java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pki().resolve(keyStoreName + ".p12"))) {
                keys.load(in, PASSWORD.toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** HAPI's socket factory with TLS sockets (client and server) from {@code ctx}. */
    private static SocketFactory hapiSockets(SSLContext ctx) {
        return new StandardSocketFactory() {
            @Override
            public Socket createTlsSocket() throws IOException {
                return ctx.getSocketFactory().createSocket();
            }

            @Override
            public ServerSocket createTlsServerSocket() throws IOException {
                return ctx.getServerSocketFactory().createServerSocket();
            }
        };
    }

    private ConfigurationAdmin configAdmin() throws InterruptedException {
        return awaitService(ConfigurationAdmin.class, null, BOUND);
    }

    /** A listener named {@code name} on a free loopback port with these settings; returns the port. */
    private int listener(String name, Map<String, String> settings) throws Exception {
        int port = freePort();
        Configuration c = configAdmin().getFactoryConfiguration("org.pavilion.hl7.listener", name, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("name", name);
        props.put("port", String.valueOf(port));
        settings.forEach(props::put);
        c.update(props);
        Await.until("listener " + name + " accepts connections", BOOT_BOUND, () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(s.isConnected());
            }
        });
        return port;
    }

    private static String adt(String sendingApplication, String sendingFacility, String controlId, String id) {
        return "MSH|^~\\&|" + sendingApplication + "|" + sendingFacility + "|PAVILION|HOSP|20240501083000||"
                + "ADT^A04^ADT_A01|" + controlId + "|P|2.5\rEVN|A04|20240501083000\r"
                + "PID|1||" + id + "^^^HOSP^MR||Transport^Tess||19800314|F\r";
    }

    private static byte[] frame(String text) {
        byte[] m = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[m.length + 3];
        out[0] = 0x0b;
        System.arraycopy(m, 0, out, 1, m.length);
        out[m.length + 1] = 0x1c;
        out[m.length + 2] = 0x0d;
        return out;
    }

    /** Writes {@code bytes} on {@code s} and reads what comes back until the peer closes or 5 s pass. */
    private static byte[] writeAndRead(Socket s, byte[] bytes) throws IOException {
        s.setSoTimeout(5000);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                got.write(buf, 0, n);
                if (got.toByteArray()[got.size() - 1] == 0x0d && got.toString(StandardCharsets.UTF_8).contains("\u001c")) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException closedOrSilent) {
            // a reset or silence: nothing more will come
        }
        return got.toByteArray();
    }

    private static String send(HapiMllp client, String text) throws Exception {
        return client.send(text);
    }

    private static long storedWithControlId(Http admin, String controlId) throws Exception {
        Http.Response r = admin.get("/api/v1/hl7/messages?controlId=" + controlId);
        assertEquals(r.toString(), 200, r.status);
        return r.json().path("total").asLong();
    }

    private static List<JsonNode> refusals(Http admin, String listener) throws Exception {
        Http.Response r = admin.get("/api/v1/platform/audit?action=HL7_SENDER_REFUSED&size=200");
        assertEquals(r.toString(), 200, r.status);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : r.json().path("items")) {
            if (a.path("detail").asText().contains("listener " + listener + ",")) {
                out.add(a);
            }
        }
        return out;
    }

    private static String msa(String ack, int n) {
        return field(segment(ack, "MSA"), n);
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    /** The platform's health answer now, without waiting: 200 (UP) or 503 (DOWN). */
    private static Http.Response healthNow() throws Exception {
        return Http.anonymous(baseUrl()).get("/api/v1/platform/health");
    }

    /** One connection attempt to the loopback port: it must succeed at once. */
    private static void connectsAtOnce(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            assertTrue(s.isConnected());
        }
    }

    @Test
    public void healthSaysUpOnlyOnceEveryListenerIsBoundSoAConnectNeedsNoRetry() throws Exception {
        Assume.assumeTrue(h2());
        // At boot: the default listener. The first UP already means its port accepts.
        Http.Response up = Await.value("health UP", BOOT_BOUND, () -> {
            Http.Response r = healthNow();
            assertEquals(r.toString(), 200, r.status);
            return r;
        });
        connectsAtOnce(Integer.parseInt(System.getProperty(HL7_PORT_PROPERTY)));
        JsonNode check = up.json().path("checks").path("hl7-listeners");
        assertEquals(up.toString(), "UP", check.path("status").asText());
        assertTrue(up.toString(), check.path("detail").asText().contains(System.getProperty(HL7_PORT_PROPERTY)));

        // A listener added while its port is held elsewhere: DOWN naming the port (never any message content) ...
        int port;
        Configuration c;
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = squatter.getLocalPort();
            c = configAdmin().getFactoryConfiguration("org.pavilion.hl7.listener", "late", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("name", "late");
            props.put("port", String.valueOf(port));
            c.update(props);
            Http.Response down = Await.value("health DOWN for listener late", BOUND, () -> {
                Http.Response r = healthNow();
                assertEquals(r.toString(), 503, r.status);
                return r;
            });
            assertEquals(down.toString(), "DOWN", down.json().path("status").asText());
            String detail = down.json().path("checks").path("hl7-listeners").path("detail").asText();
            assertTrue(down.toString(), detail.contains("listener late (port " + port + ")"));
        }
        try {
            // ... and UP again once the port is free and the listener has bound it (camel-mllp retries the bind).
            Await.until("health UP once listener late is bound", BOOT_BOUND, () -> {
                Http.Response r = healthNow();
                assertEquals(r.toString(), 200, r.status);
            });
            connectsAtOnce(port);
        } finally {
            c.delete();
        }
    }

    @Test
    public void aConnectionFromAnAddressNotAllowedIsResetUnreadNothingStoredAndTheAuditIsRateLimited() throws Exception {
        Assume.assumeTrue(h2());
        Http admin = loginAsAdmin();
        // loopback is not in the list: every connection of this test is from an address not allowed
        int port = listener("guarded", Map.of("allowedAddresses", "10.20.0.0/16, 2001:db8::/32"));
        String controlId = "REFUSED-" + UUID.randomUUID().toString().substring(0, 8);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            byte[] answer = writeAndRead(s, frame(adt("ADT1", "HOSP", controlId, "RF-1")));
            assertEquals("no ACK, no byte at all", 0, answer.length);
        }
        Await.until("the refusal is audited", BOUND, () -> assertFalse(refusals(admin, "guarded").isEmpty()));
        JsonNode record = refusals(admin, "guarded").get(0);
        assertEquals("DENIED", record.path("outcome").asText());
        assertTrue(record.toString(), record.path("detail").asText().contains("address 127.0.0.1"));
        assertEquals("nothing of the refused connection is stored", 0, storedWithControlId(admin, controlId));
        // a scanner: 60 connections in a burst leave at most the per-minute allowance in the trail
        for (int i = 0; i < 60; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(2000);
                try {
                    assertEquals(-1, s.getInputStream().read());
                } catch (java.net.SocketException reset) {
                    // refused with a reset
                }
            }
        }
        Await.until("the burst is audited", BOUND, () -> assertTrue(refusals(admin, "guarded").size() >= 20));
        int recorded = refusals(admin, "guarded").size();
        assertTrue("at most 20 refusals a minute are recorded, was " + recorded, recorded <= 21);
    }

    @Test
    public void aSenderNotAllowedOnTheListenerIsAnsweredArAndNotStoredWhileAnAllowedOneIsServed() throws Exception {
        Assume.assumeTrue(h2());
        Http admin = loginAsAdmin();
        int port = listener("senders", Map.of("allowedSenders", "LAB^MAIN_HOSPITAL, ADT1^*"));
        String refusedId = "SND-" + UUID.randomUUID().toString().substring(0, 8);
        try (HapiMllp client = new HapiMllp("127.0.0.1", port, null)) {
            String ack = send(client, adt("RADIOLOGY", "MAIN_HOSPITAL", refusedId, "SND-1"));
            assertEquals(ack, "AR", msa(ack, 1));
            assertEquals(ack, refusedId, msa(ack, 2));
            assertTrue(ack, ack.contains("sender not allowed on this listener"));
            String allowedId = "SND-" + UUID.randomUUID().toString().substring(0, 8);
            String served = send(client, adt("LAB", "MAIN_HOSPITAL", allowedId, "SND-2"));
            assertEquals(served, "AA", msa(served, 1));
            assertEquals(1, storedWithControlId(admin, allowedId));
        }
        assertEquals("the refused message never reached the store", 0, storedWithControlId(admin, refusedId));
        Await.until("the refused sender is audited", BOUND, () -> {
            List<JsonNode> r = refusals(admin, "senders");
            assertEquals(r.toString(), 1, r.size());
            assertTrue(r.toString(), r.get(0).path("detail").asText().contains("sender RADIOLOGY^MAIN_HOSPITAL"));
        });
    }

    @Test
    public void aTlsListenerRoundTripsWithHapisTlsClientAndAPlainTcpClientGetsNoAck() throws Exception {
        Assume.assumeTrue(h2());
        int port = listener("tls", Map.of("tls", "true", "keystore", store("server"),
                ".keystorePassword", PASSWORD));
        try (HapiMllp client = new HapiMllp("127.0.0.1", port, hapiSockets(sslContext(null, "trust")))) {
            String ack = send(client, adt("ADT1", "HOSP", "TLS-" + UUID.randomUUID().toString().substring(0, 8),
                    "TLS-1"));
            assertEquals(ack, "AA", msa(ack, 1));
            String orm = "MSH|^~\\&|ADT1|HOSP|PAVILION|HOSP|20240501083000||ORM^O01|TLS-ORM-"
                    + UUID.randomUUID().toString().substring(0, 6) + "|P|2.5\rPID|1||TLS-1^^^HOSP^MR||Transport^Tess\r";
            String ormAck = send(client, orm);
            assertFalse(ormAck, msa(ormAck, 1).isEmpty());
        }
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
            byte[] answer = writeAndRead(plain, frame(adt("ADT1", "HOSP", "PLAIN-1", "TLS-2")));
            assertFalse("a plain-TCP client gets no ACK from a TLS port",
                    new String(answer, StandardCharsets.ISO_8859_1).contains("MSA|"));
        }
    }

    @Test
    public void mutualTlsRefusesAClientWithoutCertificateAndServesOneWithTheCaSignedCertificate() throws Exception {
        Assume.assumeTrue(h2());
        int port = listener("mtls", Map.of("tls", "true", "keystore", store("server"), ".keystorePassword", PASSWORD,
                "truststore", store("trust"), ".truststorePassword", PASSWORD, "clientAuth", "REQUIRE"));
        try (HapiMllp anonymous = new HapiMllp("127.0.0.1", port, hapiSockets(sslContext(null, "trust")))) {
            try {
                String ack = anonymous.send(adt("ADT1", "HOSP", "MTLS-ANON", "MTLS-1"));
                fail("a client without certificate was answered: " + ack);
            } catch (Exception refused) {
                // handshake refused, no ACK
            }
        }
        try (HapiMllp lab = new HapiMllp("127.0.0.1", port, hapiSockets(sslContext("client", "trust")))) {
            String ack = send(lab, adt("ADT1", "HOSP", "MTLS-" + UUID.randomUUID().toString().substring(0, 8),
                    "MTLS-2"));
            assertEquals(ack, "AA", msa(ack, 1));
        }
    }

    @Test
    public void idleConnectionsAreClosedSoTheyCannotHoldEveryConsumerSlot() throws Exception {
        Assume.assumeTrue(h2());
        int slots = 3;
        int port = listener("idle", Map.of("maxConcurrentConsumers", String.valueOf(slots), "idleTimeoutMs", "2000"));
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < slots; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            long start = System.nanoTime();
            for (Socket s : idle) {
                s.setSoTimeout(20_000);
                try {
                    assertEquals("the listener closes an idle connection", -1, s.getInputStream().read());
                } catch (java.net.SocketException reset) {
                    // closed with a reset
                }
            }
            long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("idle sockets closed within 10 s, took " + closedAfterMs + " ms", closedAfterMs < 10_000);
            try (HapiMllp sender = new HapiMllp("127.0.0.1", port, null)) {
                String ack = send(sender, adt("ADT1", "HOSP", "IDLE-" + UUID.randomUUID().toString().substring(0, 8),
                        "IDLE-1"));
                assertEquals(ack, "AA", msa(ack, 1));
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    public void unframedBytesAreCutOffAfterABoundWithoutLoggingThemAndOthersAreStillServed() throws Exception {
        Assume.assumeTrue(h2());
        int port = listener("cutoff", Map.of("maxMessageBytes", "65536"));
        String marker = "PHIMARKER-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] chunk = (marker + " Doe^Jane 19800314 ").repeat(400).getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            try {
                // an HTTP request first, then 10 MB without MLLP framing
                out.write(("GET /" + marker + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                while (written < 10L * 1024 * 1024) {
                    out.write(chunk);
                    written += chunk.length;
                }
                out.flush();
                // everything fitted in buffers: the listener must still close the connection
                assertEquals(-1, s.getInputStream().read());
            } catch (IOException cutOff) {
                // reset or broken pipe: cut off
            }
        }
        assertTrue("the sender was cut off long before 10 MB, wrote " + written, written < 6L * 1024 * 1024);
        try (HapiMllp sender = new HapiMllp("127.0.0.1", port, null)) {
            String ack = send(sender, adt("ADT1", "HOSP", "CUT-" + UUID.randomUUID().toString().substring(0, 8),
                    "CUT-1"));
            assertEquals(ack, "AA", msa(ack, 1));
        }
        String log = Files.readString(karafData().resolve("log/karaf.log"), StandardCharsets.ISO_8859_1);
        assertFalse("camel-mllp logged message content (logPhi)", log.contains(marker));
    }

    @Test
    public void aTlsFeedDeliversToATrustedReceiverAndKeepsMessagesQueuedForAnUntrustedOne() throws Exception {
        Assume.assumeTrue(h2());
        Http admin = loginAsAdmin();
        int trustedPort = freePort();
        int untrustedPort = freePort();
        try (HapiMllpServer trusted = new HapiMllpServer(trustedPort, hapiSockets(sslContext("server", "trust")));
                HapiMllpServer untrusted = new HapiMllpServer(untrustedPort,
                        hapiSockets(sslContext("stranger", "trust")))) {
            feed("tlsok", trustedPort);
            feed("tlsbad", untrustedPort);
            Await.until("both feeds run", BOUND, () -> {
                assertEquals(200, admin.get("/api/v1/hl7/outbound?feed=tlsok").status);
            });
            // a feed's subscription may start a moment after its configuration: register until both queued one
            long[] lastRegisteredMs = {0};
            String[] family = {null};
            Await.until("the untrusted receiver's message stays queued with the reason", BOUND, () -> {
                if (System.currentTimeMillis() - lastRegisteredMs[0] > 5000) {
                    lastRegisteredMs[0] = System.currentTimeMillis();
                    family[0] = "Tlsfeed" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "x");
                    Http.Response r = admin.post("/api/v1/emr/patients", obj().put("givenName", "Tess")
                            .put("familyName", family[0]).put("sex", "FEMALE").put("birthDate", "1980-03-14"));
                    assertEquals(r.toString(), 201, r.status);
                }
                JsonNode items = admin.get("/api/v1/hl7/outbound?feed=tlsbad").json().path("items");
                assertTrue(items.toString(), items.size() >= 1);
                JsonNode m = items.get(0);
                assertEquals(m.toString(), "PENDING", m.path("status").asText());
                assertTrue(m.toString(), m.path("lastError").asText().toLowerCase().matches(
                        ".*(certificat|pkix|ssl|handshake|tls).*"));
            });
            String got = trusted.next(BOUND);
            assertNotNull("the trusted TLS receiver got an A04", got);
            assertTrue(got, got.contains("ADT^A04"));
            assertTrue("nothing reached the untrusted receiver", untrusted.drain().isEmpty());
        } finally {
            for (Configuration c : configAdmin().listConfigurations("(service.factoryPid=org.pavilion.hl7.feed)")) {
                c.delete();
            }
        }
    }

    private void feed(String name, int port) throws Exception {
        Configuration c = configAdmin().getFactoryConfiguration("org.pavilion.hl7.feed", name, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("name", name);
        props.put("host", "127.0.0.1");
        props.put("port", String.valueOf(port));
        props.put("events", "PatientRegistered");
        props.put("tls", "true");
        props.put("truststore", store("trust"));
        props.put(".truststorePassword", PASSWORD);
        props.put("retryInitialMs", "200");
        props.put("retryMaxMs", "1000");
        props.put("ackTimeoutMs", "5000");
        props.put("connectTimeoutMs", "3000");
        props.put("pollIntervalMs", "100");
        c.update(props);
    }
}
