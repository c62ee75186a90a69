package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue #20, HTTP: HTTPS by configuration with HSTS and a Secure session cookie, X-Forwarded-For believed only from
 * trusted proxies, no API description without login, and JSON body caps. The container is booted with an HTTPS
 * connector on a keystore this class generates with keytool. Independent of the database: H2 only.
 */
public class HttpSecurityIT extends PavilionTestSupport {

    private static final String HTTPS_PORT_PROPERTY = "pavilion.itest.https.port";
    private static final String KEYSTORE_PROPERTY = "pavilion.itest.https.keystore";
    private static final String STORE_PASSWORD = "itest-store-secret";
    private static final String SPOOFED = "198.51.100.23";

    @Override
    protected Option[] extraOptions() {
        try {
            File dir = new File("target/http-security-it").getAbsoluteFile();
            dir.mkdirs();
            File keystore = new File(dir, "server-" + System.nanoTime() + ".p12");
            Process keytool = new ProcessBuilder(System.getProperty("java.home") + "/bin/keytool", "-genkeypair",
                    "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-storetype",
                    "PKCS12", "-keystore", keystore.getPath(), "-storepass", STORE_PASSWORD, "-keypass",
                    STORE_PASSWORD, "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                    .redirectErrorStream(true).start();
            String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !keystore.isFile()) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            int httpsPort = freePort();
            String cfg = "etc/org.ops4j.pax.web.cfg";
            return new Option[] {
                editConfigurationFilePut(cfg, "org.osgi.service.http.secure.enabled", "true"),
                editConfigurationFilePut(cfg, "org.osgi.service.http.port.secure", String.valueOf(httpsPort)),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore", keystore.getPath()),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.password", STORE_PASSWORD),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.key.password", STORE_PASSWORD),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.key.alias", "server"),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.protocols.included", "TLSv1.2,TLSv1.3"),
                systemProperty(HTTPS_PORT_PROPERTY).value(String.valueOf(httpsPort)),
                systemProperty(KEYSTORE_PROPERTY).value(keystore.getPath())};
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the HTTPS keystore", e);
        }
    }

    @Before
    public void onlyOnH2() throws Exception {
        Assume.assumeTrue("HTTP hardening does not depend on the database", "h2".equals(database()));
        awaitHealthy();
    }

    // ---- 1. HTTPS, HSTS, Secure cookie ----

    @Test
    public void overHttpsTheBrowserSignsInWithASecureCookieAndEveryAnswerCarriesHsts() throws Exception {
        Http admin = loginAsAdmin();
        HttpClient tls = HttpClient.newBuilder().sslContext(trustingOurCertificate())
                .connectTimeout(Duration.ofSeconds(60)).build();
        String https = "https://localhost:" + System.getProperty(HTTPS_PORT_PROPERTY);

        HttpResponse<String> session = tls.send(HttpRequest.newBuilder(URI.create(https + "/api/v1/auth/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.json().createObjectNode().put("username", "admin")
                        .put("password", adminPassword()).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(session.body(), 200, session.statusCode());
        String cookie = session.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie, cookie.startsWith("pavilion_session=") && cookie.contains("; Secure"));
        assertEquals("max-age=31536000", session.headers().firstValue("Strict-Transport-Security").orElse(null));

        HttpResponse<String> health = tls.send(HttpRequest.newBuilder(URI.create(https + "/api/v1/platform/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElse(null));
        HttpResponse<String> refused = tls.send(HttpRequest.newBuilder(URI.create(https + "/api/v1/platform/users"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("Strict-Transport-Security").isPresent());
        HttpResponse<String> wsdl = tls.send(HttpRequest.newBuilder(URI.create(https
                + "/api/soap/emr/PatientRegistry?wsdl")).header("Authorization", "Bearer " + admin.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.headers().firstValue("Strict-Transport-Security").isPresent());

        // Plain HTTP: never HSTS, and the cookie is not marked Secure (it would not come back).
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/auth/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.json().createObjectNode().put("username", "admin")
                        .put("password", adminPassword()).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertFalse(plain.headers().firstValue("Set-Cookie").orElse("").contains("Secure"));
        assertFalse(plain.headers().firstValue("Strict-Transport-Security").isPresent());
        // ... unless a trusted proxy says the client came over HTTPS.
        withTrustedProxies("127.0.0.1, ::1", () -> {
            HttpResponse<String> proxied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    baseUrl() + "/api/v1/platform/health")).header("X-Forwarded-Proto", "https").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("max-age=31536000", proxied.headers().firstValue("Strict-Transport-Security")
                    .orElse(null));
        }, () -> {
            HttpResponse<String> spoofed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    baseUrl() + "/api/v1/platform/health")).header("X-Forwarded-Proto", "https").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertFalse(spoofed.headers().firstValue("Strict-Transport-Security").isPresent());
        });
    }

    @Test
    public void theWebUisPagesFollowTheSameHttpsRuleAsTheApi() throws Exception {
        loginAsAdmin(); // the container is up
        HttpClient tls = HttpClient.newBuilder().sslContext(trustingOurCertificate())
                .connectTimeout(Duration.ofSeconds(60)).build();
        String https = "https://localhost:" + System.getProperty(HTTPS_PORT_PROPERTY);
        for (String page : new String[] {"/", "/portal"}) {
            HttpResponse<String> overTls = tls.send(HttpRequest.newBuilder(URI.create(https + page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(page, 200, overTls.statusCode());
            assertTrue(page, overTls.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals(page, "max-age=31536000", overTls.headers().firstValue("Strict-Transport-Security")
                    .orElse(null));
            assertEquals("nosniff", overTls.headers().firstValue("X-Content-Type-Options").orElse(null));
            assertEquals("no-referrer", overTls.headers().firstValue("Referrer-Policy").orElse(null));
            assertEquals("DENY", overTls.headers().firstValue("X-Frame-Options").orElse(null));
            assertTrue(overTls.headers().firstValue("Content-Security-Policy").orElse("")
                    .contains("frame-ancestors 'none'"));
        }
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> overHttp = plain.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, overHttp.statusCode());
        assertFalse(overHttp.headers().firstValue("Strict-Transport-Security").isPresent());
        assertEquals("nosniff", overHttp.headers().firstValue("X-Content-Type-Options").orElse(null));
        // A page reached through a trusted TLS-terminating proxy gets HSTS; the same header from anyone else does not.
        withTrustedProxies("127.0.0.1, ::1", () -> {
            HttpResponse<String> proxied = plain.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/portal"))
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", SPOOFED).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, proxied.statusCode());
            assertEquals("max-age=31536000", proxied.headers().firstValue("Strict-Transport-Security")
                    .orElse(null));
        }, () -> {
            HttpResponse<String> spoofed = plain.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/portal"))
                    .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, spoofed.statusCode());
            assertFalse(spoofed.headers().firstValue("Strict-Transport-Security").isPresent());
        });
    }

    // ---- 2. X-Forwarded-For ----

    @Test
    public void aForwardedAddressFromAnUntrustedPeerIsIgnoredAndFromATrustedProxyRecorded() throws Exception {
        Http admin = loginAsAdmin();
        createUser(admin, "xff-nurse", "NURSE", null);

        loginForwardedFor("xff-nurse", SPOOFED);
        String untrusted = lastLoginAddress(admin, "xff-nurse");
        assertNotEquals("a header from an untrusted peer must not name the client", SPOOFED, untrusted);
        assertTrue(untrusted, untrusted.equals("127.0.0.1") || untrusted.contains(":1"));

        withTrustedProxies("127.0.0.1, ::1", () -> {
            // The client wrote its own X-Forwarded-For; the proxy appended the address it saw: that one counts.
            loginForwardedFor("xff-nurse", "6.6.6.6, " + SPOOFED);
            assertEquals(SPOOFED, lastLoginAddress(admin, "xff-nurse"));
        }, () -> {
            loginForwardedFor("xff-nurse", SPOOFED);
            assertNotEquals(SPOOFED, lastLoginAddress(admin, "xff-nurse"));
        });
    }

    // ---- 3. No API description without login ----

    @Test
    public void noWadlOrWsdlIsAnsweredWithoutLogin() throws Exception {
        Http admin = loginAsAdmin();
        Http anonymous = Http.anonymous(baseUrl());

        Http.Response wadl = anonymous.getAccepting("/api/v1/emr/patients?_wadl", "*/*");
        problem(401, wadl);
        assertFalse(wadl.body, wadl.body.contains("<application") || wadl.body.contains("resources"));
        // WADL is off entirely: with a token the request is an ordinary one (no search criteria: 400).
        Http.Response signedIn = admin.getAccepting("/api/v1/emr/patients?_wadl", "*/*");
        assertEquals(signedIn.toString(), 400, signedIn.status);
        assertFalse(signedIn.body.contains("<application"));

        for (String query : new String[] {"?wsdl", "?WSDL", "?xsd=1", "?wsdl=PatientRegistry.wsdl"}) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                    + "/api/soap/emr/PatientRegistry" + query)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(query + ": " + r.body(), 401, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
            assertFalse(r.body(), r.body().contains("definitions"));
        }
        HttpResponse<String> wrongPassword = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                baseUrl() + "/api/soap/emr/PatientRegistry?wsdl")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongPassword.statusCode());
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/soap/emr/PatientRegistry?wsdl")).header("Authorization", "Bearer " + admin.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("definitions"));

        // CXF's list of every service stays hidden.
        Http.Response list = anonymous.getAccepting("/api/services", "*/*");
        assertNotEquals(200, list.status);
        assertFalse(list.body, list.body.contains("PatientRegistry"));
    }

    // ---- 4. Body caps ----

    @Test
    public void anOversizedJsonBodyIsRefusedWith413AndNothingIsWritten() throws Exception {
        Http admin = loginAsAdmin();
        String family = "Oversize" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        String big = "{\"givenName\":\"" + "A".repeat(2 * 1024 * 1024) + "\",\"familyName\":\"" + family
                + "\",\"sex\":\"FEMALE\",\"birthDate\":\"1980-01-01\"}";
        byte[] body = big.getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> declared = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/emr/patients")).header("Authorization", "Bearer " + admin.token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(declared.body(), 413, declared.statusCode());
        assertTrue(declared.headers().firstValue("Content-Type").orElse("").contains("problem+json"));

        // No Content-Length: sent chunked, counted while read.
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/emr/patients")).header("Authorization", "Bearer " + admin.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(chunked.body(), 413, chunked.statusCode());

        // Small but absurdly nested: refused by the parser's bounds as a client error, not a server error.
        String nested = "{\"givenName\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        HttpResponse<String> deepAnswer = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/emr/patients")).header("Authorization", "Bearer " + admin.token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(nested))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(deepAnswer.body(), 400, deepAnswer.statusCode());

        JsonNode found = ok(admin.get("/api/v1/emr/patients?fuzzy=false&name=" + family));
        assertEquals(found.toString(), 0, found.path("total").asLong(found.path("items").size()));
    }

    @Test
    public void aDeeplyNestedSoapBodyGetsAFaultNotAnOutOfMemory() throws Exception {
        Http admin = loginAsAdmin();
        String inner = "<x>".repeat(500) + "</x>".repeat(500);
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body>" + inner + "</soapenv:Body></soapenv:Envelope>";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/soap/emr/PatientRegistry")).header("Content-Type", "text/xml; charset=UTF-8")
                .header("Authorization", "Bearer " + admin.token())
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 500, r.statusCode());
        assertTrue(r.body(), r.body().contains("Fault"));
        // The container still answers.
        assertEquals(200, Http.anonymous(baseUrl()).get("/api/v1/platform/health").status);
    }

    // ---- helpers ----

    private static SSLContext trustingOurCertificate() throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(new File(System.getProperty(KEYSTORE_PROPERTY)).toPath())) {
            server.load(in, STORE_PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("server");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pavilion", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static void loginForwardedFor(String username, String forwardedFor) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(Http.json().createObjectNode().put("username", username)
                        .put("password", username + "-password-1").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
    }

    /** The client address of {@code username}'s latest successful LOGIN audit record. */
    private static String lastLoginAddress(Http admin, String username) throws Exception {
        JsonNode page = ok(admin.get("/api/v1/platform/audit?actor=" + username + "&action=LOGIN&size=200"));
        String address = null;
        long latest = -1;
        for (JsonNode r : page.path("items")) {
            if (r.path("outcome").asText().equals("SUCCESS") && r.path("seq").asLong() > latest) {
                latest = r.path("seq").asLong();
                address = r.path("clientAddress").asText();
            }
        }
        assertTrue(page.toString(), address != null);
        return address;
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} with org.pavilion.core.http's trustedProxies set, then puts the default back. */
    /**
     * Trusts {@code proxies} until {@code whileTrusted} passes, then trusts none again until {@code afterwards}
     * passes. Config Admin applies each update asynchronously, and fileinstall writes it to etc/ and once read the
     * older file back over it (seen in CI): each state is applied again until Config Admin holds it.
     */
    private void withTrustedProxies(String proxies, Check whileTrusted, Check afterwards) throws Exception {
        ConfigurationAdmin admin = awaitService(ConfigurationAdmin.class, null, BOOT_BOUND);
        Configuration c = admin.getConfiguration("org.pavilion.core.http", null);
        Dictionary<String, Object> before = c.getProperties();
        Dictionary<String, Object> props = new Hashtable<>();
        if (before != null) {
            for (String key : java.util.Collections.list(before.keys())) {
                props.put(key, before.get(key));
            }
        }
        try {
            holdUntil(c, props, proxies, "trusted proxies " + proxies + " apply", whileTrusted);
        } finally {
            holdUntil(c, props, "", "no proxy trusted again", afterwards);
        }
    }

    private static void holdUntil(Configuration c, Dictionary<String, Object> props, String proxies, String what,
            Check check) throws Exception {
        props.put("trustedProxies", proxies);
        c.update(props);
        Await.until(what, BOOT_BOUND, () -> {
            Dictionary<String, Object> now = c.getProperties();
            if (now == null || !proxies.equals(now.get("trustedProxies"))) {
                c.update(props);
            }
            check.run();
        });
    }
}
