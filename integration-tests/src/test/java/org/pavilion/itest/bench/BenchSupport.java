package org.pavilion.itest.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What every benchmark does before it measures: sign in (retried while the platform starts), wait for the EMR. */
final class BenchSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchSupport() {
    }

    static String login(String base, String user, String password) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("username", user).put("password", password).toString())).build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body()).path("token").asText();
            }
            if (attempt > 240) {
                throw new IllegalStateException("login of " + user + ": " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(500);
        }
    }

    /** The EMR must be published, or its calls (and ADT to it) would fail. */
    static void awaitEmr(String base, String token) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/emr/patients")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 400) {
                return;
            }
            if (attempt > 240) {
                throw new IllegalStateException("EMR not published: " + r.statusCode());
            }
            Thread.sleep(500);
        }
    }

    /** Waits until something accepts connections on {@code port} (the hub's listener starts after the EMR). */
    static void awaitListening(String host, int port) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException notYet) {
                if (attempt > 240) {
                    throw new IllegalStateException("nothing listens on " + host + ":" + port, notYet);
                }
                Thread.sleep(500);
            }
        }
    }
}
