package org.pavilion.billing.internal.payments;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.pavilion.core.api.rest.ProblemException;

/**
 * The hospital's side of the wire in the online tests, on 127.0.0.1: what the platform's REST server does for
 * {@code POST /api/v1/billing/payment-notifications/{provider}} (raw body and headers to
 * {@link PaymentNotificationsResource}'s service, problems as their status), without the container.
 */
final class HospitalWebhook implements AutoCloseable {

    static final String PATH = "/api/v1" + PaymentNotificationsResource.BASE + "/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final OnlinePayments online;

    HospitalWebhook(OnlinePayments online) throws IOException {
        this.online = online;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext(PATH, this::handle);
        server.start();
    }

    String url(String provider) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + provider;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String provider = x.getRequestURI().getPath().substring(PATH.length());
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status;
            String answer;
            try {
                answer = JSON.writeValueAsString(online.notified(provider, body,
                        name -> x.getRequestHeaders().getFirst(name)));
                status = 200;
            } catch (ProblemException p) {
                status = p.status();
                answer = "{\"status\":" + p.status() + ",\"detail\":" + JSON.writeValueAsString(p.detail()) + "}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
