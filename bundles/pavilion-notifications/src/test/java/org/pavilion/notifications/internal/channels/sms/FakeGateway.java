package org.pavilion.notifications.internal.channels.sms;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/** An SMS gateway on loopback: records each request and answers what the test tells it, per recipient. */
final class FakeGateway implements AutoCloseable {

    /** One request as the gateway saw it. */
    record Seen(String method, String contentType, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(0);
        }
    }

    /** An answer: status and body. */
    record Answer(int status, String body) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Requests being answered now, and the most at once. */
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    private volatile CountDownLatch gate;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private volatile Function<String, Answer> answers = body -> new Answer(200, "{\"status\":\"queued\"}");

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/sms", exchange -> {
            most.accumulateAndGet(current.incrementAndGet(), Math::max);
            CountDownLatch g = gate;
            if (g != null) {
                g.countDown();
                try {
                    g.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer a = answers.apply(body);
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            current.decrementAndGet();
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    FakeGateway answering(Function<String, Answer> answers) {
        this.answers = answers;
        return this;
    }

    /** Holds each request until {@code n} are waiting together (at most 5 s), to see how many come at once. */
    FakeGateway holdingUntil(int n) {
        this.gate = new CountDownLatch(n);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
