package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * Two-step sign-in (TOTP, RFC 6238) as staff meet it: enrolment with a code computed here like an authenticator app,
 * login refused without a code and with a used one, a role that makes it compulsory, an administrator's audited reset
 * that ends the user's sessions, and SOAP refusing a password alone from an account that needs a code.
 */
public class SecondFactorSecurityIT extends PavilionTestSupport {

    private static final String TYPE = "urn:pavilion:problem:";

    /** The container's boot gets Pax Exam's longer bound: on 2 shared cores it can take more than the default 3 min. */
    @Override
    protected Option[] extraOptions() {
        return new Option[] {CoreOptions.systemTimeout(600_000)};
    }

    @Before
    public void containerIsUp() throws Exception {
        awaitHealthy();
    }

    @Test
    public void anEnrolledUserSignsInOnlyWithAFreshCodeAndAReusedCodeIsRefused() throws Exception {
        Http admin = loginAsAdmin();
        Http dora = createUser(admin, "dora.totp", "DOCTOR", null);
        String[] enrolled = enrol(dora);
        String secret = enrolled[0];
        long step = step() + 1; // the step after the one the confirmation used: within the one-step tolerance

        Http.Response noCode = login("dora.totp", "dora.totp-password-1", null);
        problem(401, noCode);
        assertEquals(noCode.toString(), TYPE + "second-factor-required", noCode.json().path("type").asText());
        Http.Response wrongPassword = login("dora.totp", "not-her-password", code(secret, step));
        problem(401, wrongPassword);
        assertEquals("a wrong password says nothing about a code", TYPE + "unauthorized",
                wrongPassword.json().path("type").asText());

        String code = code(secret, step);
        Http.Response withCode = login("dora.totp", "dora.totp-password-1", code);
        assertEquals(withCode.toString(), 200, withCode.status);
        assertEquals(200, Http.withToken(baseUrl(), withCode.json().path("token").asText())
                .get("/api/v1/auth/totp").status);
        Http.Response replay = login("dora.totp", "dora.totp-password-1", code);
        problem(401, replay);
        assertEquals(replay.toString(), TYPE + "second-factor-required", replay.json().path("type").asText());

        // Removal needs the password and a code (here a single-use recovery code); then the password alone signs in.
        Http.Response removal = dora.post("/api/v1/auth/totp/removal",
                obj().put("password", "dora.totp-password-1").put("code", enrolled[1]));
        assertEquals(removal.toString(), 204, removal.status);
        assertEquals(200, login("dora.totp", "dora.totp-password-1", null).status);
    }

    @Test
    public void aRoleRequiringASecondFactorLetsItsHoldersOnlyEnrolUntilTheyHaveOne() throws Exception {
        Http admin = loginAsAdmin();
        assertEquals(201, admin.post("/api/v1/platform/roles", obj().put("name", "ward-manager")).status);
        assertEquals(200, admin.put("/api/v1/platform/roles/ward-manager/privileges/emr.patient.search", null).status);
        Http.Response flagged = admin.put("/api/v1/platform/roles/ward-manager/second-factor",
                obj().put("requireSecondFactor", true));
        assertEquals(flagged.toString(), 200, flagged.status);
        assertTrue(flagged.toString(), flagged.json().path("requireSecondFactor").asBoolean());

        Http wendy = createUser(admin, "wendy.ward", "ward-manager", null);
        Http.Response refused = wendy.get("/api/v1/emr/patients?name=Nobody");
        problem(403, refused);
        assertEquals(refused.toString(), TYPE + "second-factor-enrolment-required", refused.json().path("type").asText());
        JsonNode status = ok(wendy.get("/api/v1/auth/totp"));
        assertTrue(status.toString(), status.path("required").asBoolean() && !status.path("enrolled").asBoolean());

        String secret = enrol(wendy)[0];
        assertEquals(200, wendy.get("/api/v1/emr/patients?name=Nobody").status);
        problem(401, login("wendy.ward", "wendy.ward-password-1", null));
        assertEquals(200, login("wendy.ward", "wendy.ward-password-1", code(secret, step() + 1)).status);
    }

    @Test
    public void anAdministratorResetsAUsersSecondFactorAndTheResetIsAudited() throws Exception {
        Http admin = loginAsAdmin();
        Http nina = createUser(admin, "nina.totp", "NURSE", null);
        String secret = enrol(nina)[0];
        problem(401, login("nina.totp", "nina.totp-password-1", null));
        Http.Response ward = login("nina.totp", "nina.totp-password-1", code(secret, step() + 1));
        Http ninaOnTheWard = Http.withToken(baseUrl(), ok(ward).path("token").asText());
        assertEquals(200, ninaOnTheWard.get("/api/v1/auth/totp").status);
        problem(403, nina.delete("/api/v1/auth/totp/users/nina.totp")); // not her privilege
        assertEquals(404, admin.delete("/api/v1/auth/totp/users/nobody.here").status);

        assertEquals(204, admin.delete("/api/v1/auth/totp/users/nina.totp").status);
        // Whoever holds her lost phone, or a session opened with it, is out: every session of hers ended with it.
        problem(401, nina.get("/api/v1/auth/totp"));
        problem(401, ninaOnTheWard.get("/api/v1/auth/totp"));
        assertEquals("the administrator's own session goes on", 200, admin.get("/api/v1/auth/totp").status);
        assertEquals(200, login("nina.totp", "nina.totp-password-1", null).status);
        JsonNode trail = ok(admin.get("/api/v1/platform/audit?resourceType=second-factor&size=50"));
        boolean audited = false;
        for (JsonNode r : trail.path("items")) {
            audited |= "RESET".equals(r.path("action").asText()) && "nina.totp".equals(r.path("resourceId").asText())
                    && "admin".equals(r.path("actor").asText());
        }
        assertTrue("RESET by admin of nina.totp in " + trail, audited);
    }

    @Test
    public void soapTakesNoPasswordAloneFromAnAccountThatNeedsASecondFactor() throws Exception {
        Http admin = loginAsAdmin();
        assertEquals(201, admin.post("/api/v1/platform/roles", obj().put("name", "two-step-feeds")).status);
        assertEquals(200, admin.put("/api/v1/platform/roles/two-step-feeds/second-factor",
                obj().put("requireSecondFactor", true)).status);
        ObjectNode feed = obj().put("username", "adt.totp").put("password", "adt.totp-password-1");
        feed.putArray("roles").add("INTEGRATION").add("two-step-feeds");
        created(admin.post("/api/v1/platform/users", feed));
        String search = "<v1:findByDemographics><criteria><birthDate>1961-03-02</birthDate><name>nobody</name>"
                + "</criteria><page>0</page><size>10</size></v1:findByDemographics>";
        String basic = "Basic " + Base64.getEncoder().encodeToString("adt.totp:adt.totp-password-1"
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> passwordOnly = soap(search, basic);
        assertEquals(passwordOnly.body(), 401, passwordOnly.statusCode());
        assertTrue(passwordOnly.body(), passwordOnly.body().contains("second-factor-required"));
        assertTrue(passwordOnly.body(), passwordOnly.body().contains("/api/v1/auth/login"));
        assertTrue(passwordOnly.body(), passwordOnly.body().contains("bearer token"));

        // Not enrolled: its token only reaches the enrolment, on SOAP as on REST.
        Http.Response first = login("adt.totp", "adt.totp-password-1", null);
        Http enrolling = Http.withToken(baseUrl(), ok(first).path("token").asText());
        HttpResponse<String> pending = soap(search, "Bearer " + enrolling.token());
        assertEquals(pending.body(), 403, pending.statusCode());
        assertTrue(pending.body(), pending.body().contains("second-factor-enrolment-required"));

        String secret = enrol(enrolling)[0];
        String token = ok(login("adt.totp", "adt.totp-password-1", code(secret, step() + 1))).path("token").asText();
        HttpResponse<String> withToken = soap(search, "Bearer " + token);
        assertEquals(withToken.body(), 200, withToken.statusCode());
        HttpResponse<String> stillRefused = soap(search, basic);
        assertEquals(stillRefused.body(), 401, stillRefused.statusCode());
        assertTrue(stillRefused.body(), stillRefused.body().contains("second-factor-required"));
    }

    private static HttpResponse<String> soap(String body, String authorization) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:v1=\"urn:pavilion:emr:v1\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/soap/emr/PatientRegistry")).header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts and confirms enrolment as an authenticator app would; returns the secret and one recovery code. */
    private static String[] enrol(Http user) throws Exception {
        JsonNode started = ok(user.post("/api/v1/auth/totp/enrolment", obj()));
        String secret = started.path("secret").asText();
        assertTrue(started.toString(), started.path("otpauthUri").asText()
                .startsWith("otpauth://totp/Pavilion:") && started.path("otpauthUri").asText().contains("secret=" + secret));
        JsonNode confirmed = ok(user.post("/api/v1/auth/totp/enrolment/confirm", obj().put("code", code(secret, step()))));
        assertEquals(confirmed.toString(), 10, confirmed.path("recoveryCodes").size());
        JsonNode status = ok(user.get("/api/v1/auth/totp"));
        assertTrue(status.toString(), status.path("enrolled").asBoolean());
        assertFalse("the secret is never shown again", status.toString().contains(secret));
        return new String[] {secret, confirmed.path("recoveryCodes").get(0).asText()};
    }

    private static Http.Response login(String username, String password, String code) throws Exception {
        ObjectNode body = obj().put("username", username).put("password", password);
        if (code != null) {
            body.put("code", code);
        }
        return Http.anonymous(baseUrl()).post("/api/v1/auth/login", body);
    }

    private static long step() {
        return System.currentTimeMillis() / 30_000L;
    }

    /** RFC 6238 with HMAC-SHA1 and 6 digits, written here again so the test does not trust the code under test. */
    public static String code(String base32Secret, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(base32(base32Secret), "RAW"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int o = h[h.length - 1] & 0xf;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }

    private static byte[] base32(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
