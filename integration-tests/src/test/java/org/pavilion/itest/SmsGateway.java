package org.pavilion.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.pavilion.testsupport.Await;

/**
 * An SMS provider's HTTP API for the tests, on 127.0.0.1: {@code POST /sms} with the form-encoded fields most
 * providers share ({@code to}, {@code text}, {@code from}, {@code reference}) and an API key header, answering
 * {@code {"messages":[{"id":"gw-1"}]}}. It can be told to fail the next requests with 503, as a gateway under
 * maintenance does. Notifications' SMS adapter under test is the real one.
 */
public final class SmsGateway implements AutoCloseable {

    public static final String API_KEY = "test-gateway-key-7f3a";

    /** One accepted SMS. */
    public record Sms(String to, String text, String from, String reference, String id) {
    }

    private final HttpServer server;
    // not a copy-on-write list: a benchmark sends it tens of thousands of messages
    private final List<Sms> accepted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    public SmsGateway(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/sms", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    /** The next {@code n} requests are answered 503. */
    public void failNext(int n) {
        failNext.set(n);
    }

    /** Every request received, accepted or not. */
    public int requests() {
        return requests.get();
    }

    public List<Sms> accepted() {
        synchronized (accepted) {
            return new ArrayList<>(accepted);
        }
    }

    /** How many were accepted. */
    public int count() {
        return accepted.size();
    }

    public List<Sms> to(String number) {
        List<Sms> out = new ArrayList<>();
        for (Sms s : accepted()) {
            if (s.to().equals(number)) {
                out.add(s);
            }
        }
        return out;
    }

    public List<Sms> awaitTo(String number, int count, Duration bound) throws InterruptedException {
        return Await.value(number + " receives " + count + " SMS", bound, () -> {
            List<Sms> got = to(number);
            return got.size() >= count ? got : null;
        });
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            requests.incrementAndGet();
            String body;
            try (InputStream in = x.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!API_KEY.equals(x.getRequestHeaders().getFirst("X-API-Key"))) {
                answer(x, 401, "{\"error\":\"bad api key\"}");
                return;
            }
            if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                answer(x, 503, "{\"error\":\"maintenance\"}");
                return;
            }
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (form.get("to") == null || form.get("text") == null) {
                answer(x, 400, "{\"error\":\"to and text are required\"}");
                return;
            }
            String id = "gw-" + ids.incrementAndGet();
            accepted.add(new Sms(form.get("to"), form.get("text"), form.get("from"), form.get("reference"), id));
            answer(x, 200, "{\"messages\":[{\"id\":\"" + id + "\",\"status\":\"0\"}]}");
        }
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
