package org.pavilion.itest.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.pavilion.itest.process.MllpFeed;

import ca.uhn.hl7v2.model.Message;

/**
 * What every benchmark does before it measures (sign in, retried while the platform starts; wait for the EMR and the
 * HL7 listener), and the MLLP run the HL7 benchmarks share: messages sent back to back over concurrent HAPI feeds,
 * with the ADT^A04 every HL7 figure is compared with.
 */
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

    /** What one MLLP run measured: ACK latencies (sorted, ns), the wall time, the ACK codes and the CPU it cost. */
    record MllpRun(int connections, long[] sortedNanos, double seconds, String expected, String[] notExpected,
            String cpu) {

        int messages() {
            return sortedNanos.length;
        }

        double perSecond() {
            return sortedNanos.length / seconds;
        }

        /** The {@code p}th percentile latency in ms. */
        double percentile(int p) {
            int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[Math.max(0, i)] / 1e6;
        }

        /** "all AA", or the first other code each connection got. */
        String acks() {
            return Arrays.stream(notExpected).allMatch(x -> x == null) ? "all " + expected
                    : "NOT ALL " + expected + ": " + Arrays.toString(notExpected);
        }
    }

    /**
     * Sends {@code messages} over {@code connections} feeds at once (each its share, back to back): message {@code n}
     * is {@code text.apply(n)} with {@code {ID}} replaced by a control id unique to this run ({@code prefix}, a stamp,
     * the connection and index). Messages are parsed before the clock starts. {@code cpu}: the process to meter, or
     * null (a warm-up).
     */
    static MllpRun sendOverMllp(String host, int port, int connections, int messages, String prefix,
            IntFunction<String> text, String expectedAck, CpuMeter cpu) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<MllpFeed> feeds = new ArrayList<>();
        List<Message[]> prepared = new ArrayList<>();
        int per = messages / connections;
        String stamp = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        for (int c = 0; c < connections; c++) {
            MllpFeed feed = new MllpFeed(host, port);
            feeds.add(feed);
            Message[] batch = new Message[per];
            for (int i = 0; i < per; i++) {
                batch[i] = feed.parse(text.apply(c * per + i).replace("{ID}", prefix + stamp + "-" + c + "-" + i));
            }
            prepared.add(batch);
        }
        List<Future<long[]>> results = new ArrayList<>();
        String[] codes = new String[connections];
        CpuMeter.Reading cpuFrom = cpu == null ? null : cpu.read();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int conn = c;
            results.add(pool.submit((Callable<long[]>) () -> {
                long[] nanos = new long[per];
                MllpFeed feed = feeds.get(conn);
                String notExpected = null;
                for (int i = 0; i < per; i++) {
                    long t = System.nanoTime();
                    String code = feed.send(prepared.get(conn)[i]);
                    nanos[i] = System.nanoTime() - t;
                    if (notExpected == null && !expectedAck.equals(code)) {
                        notExpected = code;
                    }
                }
                codes[conn] = notExpected;
                return nanos;
            }));
        }
        long[] all = new long[per * connections];
        for (int c = 0; c < connections; c++) {
            System.arraycopy(results.get(c).get(), 0, all, c * per, per);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpuUse = cpu == null ? "" : cpu.perMessage(cpuFrom, all.length);
        pool.shutdown();
        feeds.forEach(MllpFeed::close);
        Arrays.sort(all);
        return new MllpRun(connections, all, seconds, expectedAck, codes, cpuUse);
    }

    private static final String[] FAMILY = {"Okafor", "Lindqvist", "Nakamura", "Mensah", "Garcia", "Novak", "Haddad",
        "O'Brien", "Kowalski", "Silva", "Fischer", "Rossi", "Dubois", "Tanaka", "Nguyen", "Petrov"};
    private static final String[] GIVEN = {"Adaeze", "Astrid", "Yui", "Kofi", "Lucia", "Jan", "Rania", "Siobhan",
        "Piotr", "Tiago", "Lena", "Marco", "Claire", "Haruto", "Linh", "Irina"};

    /**
     * ADT^A04 of a new patient (the HL7 figure every other is compared with); {ID} becomes the control id and, with
     * a suffix, the patient identifier.
     */
    static String a04(int n) {
        String text = MllpFeed.a04("{ID}", "{ID}", FAMILY[n % FAMILY.length], GIVEN[(n / 16) % GIVEN.length],
                String.format("19%02d%02d%02d", 30 + n % 70, 1 + n % 12, 1 + n % 28), n % 2 == 0 ? "F" : "M");
        return text.replace("^^^GENHOSP^MR", "-P^^^GENHOSP^MR");
    }

    /** Runs {@code work} on {@code clients} threads at once and waits for all; the first failure is thrown. */
    static void parallel(int clients, java.util.concurrent.Callable<Void> work) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        java.util.List<java.util.concurrent.Future<Void>> futures = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(work));
        }
        for (java.util.concurrent.Future<Void> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /** Points the unpacked distribution at a fresh PostgreSQL database {@code db} on pavilion.itest.pg.url's server. */
    static void usePostgreSql(org.pavilion.itest.process.DistributionProcess pavilion, String db) throws Exception {
        String server = System.getProperty("pavilion.itest.pg.url", org.pavilion.itest.PavilionTestSupport.DEFAULT_PG_URL);
        server = server.substring(0, server.lastIndexOf('/') + 1);
        String url = server + System.getProperty("pavilion.bench.pg.db", db);
        org.pavilion.itest.PavilionTestSupport.recreateDatabase(url, "postgres", "");
        java.nio.file.Files.writeString(pavilion.home().resolve("etc/org.ops4j.datasource-pavilion.cfg"),
                "osgi.jdbc.driver.class=org.postgresql.Driver\ndataSourceName=pavilion\nurl=" + url
                        + "\nuser=postgres\npassword=\npool=dbcp2\nxa=false\n", java.nio.charset.StandardCharsets.UTF_8);
    }
}
