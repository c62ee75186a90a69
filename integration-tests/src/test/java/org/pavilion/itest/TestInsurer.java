package org.pavilion.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An insurer's FHIR R4 server for the integration tests, on 127.0.0.1: answers
 * {@code POST /fhir/CoverageEligibilityRequest/$submit} (in force for the members it knows) and
 * {@code POST /fhir/Claim/$submit} (approved in full for a known member) with FHIR JSON written here by hand, so the
 * test needs nothing of HAPI in the container (billing embeds HAPI privately). Billing's adapter under test is the
 * real one, parsing these answers with HAPI's R4 structures.
 */
final class TestInsurer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();

    TestInsurer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    /** Members whose policy is in force. */
    TestInsurer members(String... memberIds) {
        members.addAll(Set.of(memberIds));
        return this;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath().substring("/fhir/".length());
            JsonNode request;
            try (InputStream in = x.getRequestBody()) {
                request = JSON.readTree(in);
            }
            String member = request.path("patient").path("identifier").path("value").asText();
            if ("POST".equals(x.getRequestMethod()) && path.equals("CoverageEligibilityRequest/$submit")) {
                boolean inforce = members.contains(member);
                ObjectNode r = resource("CoverageEligibilityResponse", "e").put("status", "active")
                        .put("purpose", "validation").put("outcome", "complete")
                        .put("created", java.time.LocalDate.now().toString())
                        .put("disposition", inforce ? "member " + member + " covered" : "no policy for " + member);
                r.set("patient", request.path("patient"));
                r.set("insurer", request.path("insurer"));
                r.set("request", JSON.createObjectNode().put("reference", "CoverageEligibilityRequest/1"));
                r.putArray("insurance").addObject().put("inforce", inforce)
                        .set("coverage", request.path("insurance").path(0).path("coverage"));
                send(x, 200, r);
            } else if ("POST".equals(x.getRequestMethod()) && path.equals("Claim/$submit")) {
                String id = "c" + ids.incrementAndGet();
                ObjectNode r = resource("ClaimResponse", "r").put("status", "active").put("use", "claim")
                        .put("created", java.time.LocalDate.now().toString());
                r.set("type", request.path("type"));
                r.set("patient", request.path("patient"));
                r.set("insurer", request.path("insurer"));
                r.set("request", JSON.createObjectNode().put("reference", "Claim/" + id));
                if (!members.contains(member)) {
                    r.put("outcome", "error");
                    r.putArray("error").addObject().putObject("code").put("text", "member " + member + " unknown");
                } else {
                    JsonNode total = request.path("total");
                    BigDecimal amount = new BigDecimal(total.path("value").asText());
                    r.put("outcome", "complete").put("disposition", "paid in full");
                    ObjectNode money = JSON.createObjectNode().put("value", amount)
                            .put("currency", total.path("currency").asText());
                    r.putArray("total").addObject().<ObjectNode>set("category", category("benefit"))
                            .set("amount", money);
                    ObjectNode payment = r.putObject("payment");
                    payment.putObject("type").putArray("coding").addObject()
                            .put("system", "http://terminology.hl7.org/CodeSystem/ex-paymenttype").put("code", "complete");
                    payment.set("amount", money);
                }
                send(x, 200, r);
            } else {
                send(x, 404, resource("OperationOutcome", "o"));
            }
        }
    }

    private ObjectNode resource(String type, String prefix) {
        return JSON.createObjectNode().put("resourceType", type).put("id", prefix + ids.incrementAndGet());
    }

    private static ObjectNode category(String code) {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("coding").addObject().put("system", "http://terminology.hl7.org/CodeSystem/adjudication")
                .put("code", code);
        return c;
    }

    private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/fhir+json; charset=UTF-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
