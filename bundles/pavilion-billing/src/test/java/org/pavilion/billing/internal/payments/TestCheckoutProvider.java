package org.pavilion.billing.internal.payments;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The documented test payment provider (docs/billing-payments.md), on 127.0.0.1 at a random port: it opens checkouts
 * for a merchant holding its API key, and when a patient has paid (or failed to) it POSTs the signed notification to
 * the merchant's webhook URL, as the provider's dashboard would be set up to do.
 */
final class TestCheckoutProvider implements AutoCloseable {

    /** A checkout as the provider keeps it. */
    record Checkout(String id, String amount, String currency, String reference, String returnUrl) {
    }

    /** What the merchant's webhook answered. */
    record Delivery(int status, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String apiKey;
    private final String webhookSecret;
    private final String webhookUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger ids = new AtomicInteger();
    final Map<String, Checkout> checkouts = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> requestBodies = new CopyOnWriteArrayList<>();
    /** When set, checkouts are refused with this status (the provider having a bad day). */
    volatile int refuseWith;

    TestCheckoutProvider(String apiKey, String webhookSecret, String webhookUrl) throws IOException {
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
        this.webhookUrl = webhookUrl;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/checkouts", this::checkout);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void checkout(HttpExchange x) throws IOException {
        try (x) {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            byte[] raw;
            try (InputStream in = x.getRequestBody()) {
                raw = in.readAllBytes();
            }
            requestBodies.add(new String(raw, StandardCharsets.UTF_8));
            if (!"POST".equals(x.getRequestMethod())) {
                reply(x, 405, "{\"error\":\"POST only\"}");
                return;
            }
            if (!("Bearer " + apiKey).equals(auth)) {
                reply(x, 401, "{\"error\":\"bad api key\"}");
                return;
            }
            if (refuseWith != 0) {
                reply(x, refuseWith, "{\"error\":\"try later\"}");
                return;
            }
            JsonNode body = JSON.readTree(raw);
            if (!body.path("amount").isTextual() || !body.path("currency").isTextual()
                    || !body.path("reference").isTextual()) {
                reply(x, 400, "{\"error\":\"amount (a decimal string), currency and reference are required\"}");
                return;
            }
            String id = "co_" + ids.incrementAndGet();
            checkouts.put(id, new Checkout(id, body.path("amount").asText(), body.path("currency").asText(),
                    body.path("reference").asText(), body.path("returnUrl").asText()));
            ObjectNode answer = JSON.createObjectNode();
            answer.put("id", id);
            answer.put("url", url() + "/pay/" + id);
            reply(x, 201, JSON.writeValueAsString(answer));
        }
    }

    private static void reply(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    /** The notification body of the patient's outcome on {@code checkoutId}, as the provider writes it. */
    String notification(String checkoutId, String status) throws IOException {
        Checkout c = checkouts.get(checkoutId);
        ObjectNode n = JSON.createObjectNode();
        n.put("id", "evt_" + checkoutId + "_" + status.toLowerCase());
        n.put("checkoutId", checkoutId);
        n.put("status", status);
        n.put("amount", c.amount());
        n.put("currency", c.currency());
        if (status.equals("FAILED")) {
            n.put("failure", "card declined");
        }
        return JSON.writeValueAsString(n);
    }

    /** The patient finished paying: the provider notifies the merchant, signed. */
    Delivery complete(String checkoutId, String status) throws Exception {
        String body = notification(checkoutId, status);
        return deliver(body, sign(body));
    }

    String sign(String body) {
        return HexFormat.of().formatHex(HostedCheckoutProvider.sign(webhookSecret,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    /** POSTs {@code body} to the webhook with {@code signature} (null: unsigned). */
    Delivery deliver(String body, String signature) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(webhookUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("X-Signature", signature);
        }
        HttpResponse<String> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Delivery(answer.statusCode(), answer.body());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
