package org.pavilion.notifications.internal.channels.sms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.api.SendOutcome.Status;
import org.pavilion.notifications.internal.channels.email.Loopback;
import org.pavilion.notifications.internal.channels.sms.SmsSettings.Auth;

/** Reminders and a critical result leave by SMS through the hospital's gateway. */
public class SmsGatewayChannelTest {

    private static final String API_KEY = "sk_live_9f8e7d6c5b4a";
    private static final String PASSWORD = "gatew@y-pass";

    private FakeGateway gateway;

    @Before
    public void startGateway() throws Exception {
        gateway = new FakeGateway();
    }

    @After
    public void stopGateway() {
        gateway.close();
    }

    @Test
    public void formStyleSendsTheConfiguredFieldsWithBasicAuth() {
        SmsSettings settings = SmsSettings.form(gateway.url(), "HopitalNord")
                .withAuth(Auth.BASIC, "hopital-nord", PASSWORD, "", "");
        try (SmsGatewayChannel channel = new SmsGatewayChannel(settings)) {

            List<SendOutcome> outcomes = channel.send(List.of(
                    reminder("nt-6001", "+33 6 12-34-56-78", "Rappel : rendez-vous demain à 09:30, Hôpital Nord.")));

            assertEquals(Status.SENT, outcomes.get(0).status());
            assertEquals("HTTP 200: {\"status\":\"queued\"}", outcomes.get(0).answer());
            assertNull("no pointer configured: no provider id", outcomes.get(0).providerMessageId());
            FakeGateway.Seen request = gateway.seen.get(0);
            assertEquals("POST", request.method());
            assertEquals("application/x-www-form-urlencoded", request.contentType());
            Map<String, String> form = form(request.body());
            assertEquals("+33612345678", form.get("to"));
            assertEquals("Rappel : rendez-vous demain à 09:30, Hôpital Nord.", form.get("text"));
            assertEquals("HopitalNord", form.get("from"));
            assertEquals("nt-6001", form.get("reference"));
            assertEquals("Basic " + Base64.getEncoder().encodeToString(
                    ("hopital-nord:" + PASSWORD).getBytes(StandardCharsets.UTF_8)), request.header("Authorization"));
        }
    }

    @Test
    public void jsonTemplateStyleEscapesTheValuesAndReadsTheMessageIdFromThePointer() throws Exception {
        gateway.answering(body -> new FakeGateway.Answer(201,
                "{\"messages\":[{\"id\":\"gw-77123\",\"status\":\"accepted\"}]}"));
        SmsSettings settings = SmsSettings.form(gateway.url(), "Pavilion")
                .withJson("{\"messages\":[{\"destinations\":[{\"to\":\"{{to}}\"}],\"from\":\"{{sender}}\","
                        + "\"text\":\"{{text}}\",\"callbackData\":\"{{reference}}\"}]}", "application/json")
                .withAuth(Auth.HEADER, "", "", API_KEY, "X-API-Key")
                .withMessageIdPointer("/messages/0/id");
        String text = "Résultat critique \"K+\" pour le patient de la chambre 12 :\nappelez le laboratoire.";
        try (SmsGatewayChannel channel = new SmsGatewayChannel(settings)) {

            SendOutcome outcome = channel.send(List.of(reminder("nt-6002", "+41791234567", text))).get(0);

            assertEquals(Status.SENT, outcome.status());
            assertEquals("gw-77123", outcome.providerMessageId());
            FakeGateway.Seen request = gateway.seen.get(0);
            assertEquals("application/json", request.contentType());
            assertEquals(API_KEY, request.header("X-api-key"));
            JsonNode sent = new ObjectMapper().readTree(request.body()).at("/messages/0");
            assertEquals("+41791234567", sent.at("/destinations/0/to").asText());
            assertEquals(text, sent.at("/text").asText());
            assertEquals("Pavilion", sent.at("/from").asText());
            assertEquals("nt-6002", sent.at("/callbackData").asText());
        }
    }

    @Test
    public void aBusyGatewayMeansRetryARefusalMeansFailedAndSecretsAreMasked() {
        gateway.answering(body -> body.contains("nt-7001")
                ? new FakeGateway.Answer(503, "Service Unavailable")
                : body.contains("nt-7002")
                        ? new FakeGateway.Answer(400, "{\"error\":\"invalid sender for key " + API_KEY + "\"}")
                        : new FakeGateway.Answer(429, "slow down"));
        SmsSettings settings = SmsSettings.form(gateway.url(), "HopitalNord")
                .withAuth(Auth.BEARER, "", "", API_KEY, "");
        try (SmsGatewayChannel channel = new SmsGatewayChannel(settings)) {

            List<SendOutcome> outcomes = channel.send(List.of(
                    reminder("nt-7001", "+33612345678", "Rappel"),
                    reminder("nt-7002", "+33612345679", "Rappel"),
                    reminder("nt-7003", "+33612345670", "Rappel"),
                    reminder("nt-7004", "06 12 34 56 78", "Rappel"),
                    reminder("nt-7005", "+33 6", "Rappel")));

            assertEquals(Status.RETRY, outcomes.get(0).status());
            assertEquals("HTTP 503: Service Unavailable", outcomes.get(0).answer());
            assertEquals(Status.FAILED, outcomes.get(1).status());
            assertEquals("HTTP 400: {\"error\":\"invalid sender for key ***\"}", outcomes.get(1).answer());
            assertEquals(Status.RETRY, outcomes.get(2).status());
            assertEquals("HTTP 429: slow down", outcomes.get(2).answer());
            assertEquals("a number without its country code is not E.164", Status.FAILED, outcomes.get(3).status());
            assertEquals(Status.FAILED, outcomes.get(4).status());
            assertEquals("the malformed numbers never reached the gateway", 3, gateway.seen.size());
            assertTrue(gateway.seen.stream().allMatch(r -> ("Bearer " + API_KEY).equals(r.header("Authorization"))));
        }
    }

    @Test
    public void anUnreachableGatewayMeansRetry() {
        SmsSettings settings = SmsSettings.form("http://127.0.0.1:" + Loopback.freePort() + "/sms", "HopitalNord")
                .withAuth(Auth.BASIC, "hopital-nord", PASSWORD, "", "");
        try (SmsGatewayChannel channel = new SmsGatewayChannel(settings)) {

            SendOutcome outcome = channel.send(List.of(reminder("nt-8001", "+33612345678", "Rappel"))).get(0);

            assertEquals(Status.RETRY, outcome.status());
            assertTrue(outcome.answer(), outcome.answer().startsWith("Gateway unreachable"));
            assertFalse(outcome.answer().contains(PASSWORD));
        }
    }

    @Test
    public void aLongAnswerIsCutToThreeHundredCharacters() {
        String page = "x".repeat(1000);
        gateway.answering(body -> new FakeGateway.Answer(502, page));
        try (SmsGatewayChannel channel = new SmsGatewayChannel(SmsSettings.form(gateway.url(), ""))) {

            SendOutcome outcome = channel.send(List.of(reminder("nt-8002", "+33612345678", "Rappel"))).get(0);

            assertEquals(Status.RETRY, outcome.status());
            assertEquals("HTTP 502: " + "x".repeat(300), outcome.answer());
            assertFalse("no sender configured: no sender field", gateway.seen.get(0).body().contains("from="));
        }
    }

    @Test
    public void aBatchIsSentWithAtMostConcurrencyRequestsInFlight() {
        gateway.holdingUntil(4);
        try (SmsGatewayChannel channel = new SmsGatewayChannel(SmsSettings.form(gateway.url(), "HopitalNord"))) {
            List<OutgoingMessage> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add(reminder("nt-90" + (10 + i), "+336123456" + (10 + i), "Rappel " + i));
            }

            List<SendOutcome> outcomes = channel.send(batch);

            assertEquals(20, outcomes.size());
            assertTrue(outcomes.stream().allMatch(o -> o.status() == Status.SENT));
            assertEquals(20, gateway.seen.size());
            assertEquals("four requests in flight at once (concurrency 4), never more", 4, gateway.most.get());
        }
    }

    private static OutgoingMessage reminder(String id, String number, String text) {
        return new OutgoingMessage(id, number, null, text, "fr", false);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}
