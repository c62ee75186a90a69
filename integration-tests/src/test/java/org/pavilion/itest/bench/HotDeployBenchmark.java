package org.pavilion.itest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.itest.process.DistributionProcess;
import org.pavilion.itest.process.MllpFeed;
import org.pavilion.itest.web.KarafFeatures;
import org.pavilion.itest.web.WebPlatform;

/**
 * A vendor's department hot-deployed into a busy hospital (issue #27): the distribution runs as a process on H2 with
 * every department but the reference one ({@code pavilion-example}); receptionists register and search patients over
 * REST and a registration system sends ADT^A04 and ADT^A08 over MLLP without pause. Meanwhile, N times: a quiet
 * window, then the department's KAR is dropped into {@code deploy/} and timed until its REST path answers 200 to a
 * signed-in user (polled every 50 ms), then deleted and timed until the path answers 404 and the KAR deployer has
 * uninstalled its feature. Before the load, one idle cycle: the department's first installation, with the platform's
 * CPU seconds. Prints each cycle's times and where they went (karaf.log), median and max, every failed request and
 * NAK'd message elsewhere, REST and MLLP throughput in the quiet windows against the deploy cycles of the same run,
 * what Karaf refreshed, and the machine's load. Figures, not assertions: run with
 * integration-tests/bench/hot-deploy.sh.
 */
public final class HotDeployBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    private static final String FEATURE = "pavilion-example";
    private static final String VISITS = "/api/v1/example/visits?size=1";
    private static final Duration POLL = Duration.ofMillis(50);
    /** Far beyond the goal (5 s): a cycle that takes this long is reported as not serving and the run stops. */
    private static final Duration CYCLE_BOUND = Duration.ofMinutes(2);
    private static final String[] GIVEN = {"Amara", "Bjorn", "Chidi", "Dagny", "Emeka", "Freya", "Goran", "Hana",
        "Idris", "Jonna", "Kwame", "Liv", "Musa", "Nadia", "Omar", "Pia"};
    private static final String[] SYLLABLE = {"ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "de", "gu", "ba", "po",
        "fe", "zi", "ho", "wa"};

    /** What the load saw in one window of the run: a quiet one, a deploy cycle, or the warm-up (not reported). */
    private static final class Window {
        final String kind;
        final long startNanos = System.nanoTime();
        volatile long endNanos;
        final AtomicLong restOk = new AtomicLong();
        final AtomicLong restFailed = new AtomicLong();
        /** 409 possible-duplicate: the EMR's answer to a registration that looks like an earlier one, not a fault. */
        final AtomicLong restDuplicate = new AtomicLong();
        final AtomicLong hl7Ok = new AtomicLong();
        final AtomicLong hl7Failed = new AtomicLong();

        Window(String kind) {
            this.kind = kind;
        }

        double seconds() {
            return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
        }
    }

    private record Cycle(double servingSeconds, double removedSeconds, double servingCpu, double removedCpu,
            Window window) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger registrations = new AtomicInteger();
    private final Window warmUpWindow = new Window("warm-up");
    private volatile Window current = warmUpWindow;
    private volatile boolean stop;
    private String base;

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        new HotDeployBenchmark().run(cycles);
    }

    private void run(int cycles) throws Exception {
        Path kar = Paths.get(System.getProperty("pavilion.bench.kar",
                "../features/pavilion-example-kar/target/pavilion-example-kar-0.2.0-SNAPSHOT.kar")).toAbsolutePath();
        if (!Files.isRegularFile(kar)) {
            throw new IllegalStateException("Build the department's KAR first: " + kar + " is missing");
        }
        int restClients = Integer.getInteger("pavilion.bench.clients", 4);
        int hl7Connections = Integer.getInteger("pavilion.bench.hl7.connections", 2);
        int quietSeconds = Integer.getInteger("pavilion.bench.quiet.seconds", 10);
        int warmUpSeconds = Integer.getInteger("pavilion.bench.warmup.seconds", 20);
        // 0: every client sends its next request as soon as the answer is in (the machine saturated).
        int thinkMs = Integer.getInteger("pavilion.bench.think.ms", 0);
        System.out.printf("Pavilion hot deploy: %d cycles of %s under load (%d REST clients, %d MLLP connections), "
                + "think time %d ms, quiet windows of %d s, H2, %d cores, java %s%n", cycles, kar.getFileName(),
                restClients, hl7Connections, thinkMs, quietSeconds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("MACHINE before: " + machine());

        try (DistributionProcess pavilion = DistributionProcess.unpack("bench-hot-deploy")) {
            // The department is the vendor's: not booted, not in the distribution's featuresBoot.
            WebPlatform.bootWithout(pavilion.home(), Set.of(FEATURE, "pavilion-example-subscriber"));
            KarafFeatures karaf = KarafFeatures.prepare(pavilion);
            int hl7Port = PavilionTestSupport.freePort();
            pavilion.writeEtc("org.pavilion.hl7.listener-default.cfg", "port", String.valueOf(hl7Port));
            // The desk account stands for a whole registration office: far more patients than one person opens.
            pavilion.writeEtc("org.pavilion.emr.harvest.cfg", "harvestDistinctPatients", "100000000");
            long boot = System.nanoTime();
            pavilion.start();
            pavilion.awaitHealthy(Duration.ofMinutes(5));
            base = pavilion.baseUrl();
            String admin = BenchSupport.login(base, "admin", pavilion.adminPassword());
            BenchSupport.awaitEmr(base, admin);
            BenchSupport.awaitListening(HOST, hl7Port);
            awaitBooted(karaf, admin);
            System.out.printf("BOOT: every boot feature started, EMR, HL7 listener and web shell up in %.1f s%n",
                    (System.nanoTime() - boot) / 1e9);
            if (karaf.installed(FEATURE) || status(admin, VISITS) != 404) {
                throw new IllegalStateException(FEATURE + " must not be installed before the first cycle");
            }
            String desk = user(admin, "bench.desk", "RECEPTIONIST");
            long logFrom = Files.size(pavilion.log());
            CpuMeter cpu = new CpuMeter(pavilion.javaPid());
            Path deployed = pavilion.home().resolve("deploy").resolve(kar.getFileName());
            // The KAR deployer unpacks into data/kar/<name> and deletes it once its features are uninstalled.
            Path unpacked = pavilion.home().resolve("data/kar")
                    .resolve(kar.getFileName().toString().replaceAll("\\.kar$", ""));

            // The reference: the department's first installation ever (new tables, new privileges), nothing else
            // running; the platform's CPU seconds are what a deploy costs, whatever the machine's load.
            Cycle first = cycle(pavilion, kar, deployed, unpacked, admin, karaf, cpu, new Window("idle"));
            System.out.printf("IDLE CYCLE (first install, no load): serving after %.2f s, removed after %.2f s; "
                    + "platform CPU %.2f s to serving, %.2f s to removed%n", first.servingSeconds(),
                    first.removedSeconds(), first.servingCpu(), first.removedCpu());

            ExecutorService load = Executors.newFixedThreadPool(restClients + hl7Connections);
            for (int c = 0; c < restClients; c++) {
                load.submit(() -> restClient(desk, thinkMs));
            }
            for (int c = 0; c < hl7Connections; c++) {
                int connection = c;
                load.submit(() -> mllpClient(connection, hl7Port, thinkMs));
            }
            TimeUnit.SECONDS.sleep(warmUpSeconds);

            List<Window> quiet = new ArrayList<>();
            List<Cycle> done = new ArrayList<>();
            for (int i = 1; i <= cycles; i++) {
                Window q = begin("quiet");
                TimeUnit.SECONDS.sleep(quietSeconds);
                quiet.add(q);
                Window w = begin("deploy");
                Cycle cycle = cycle(pavilion, kar, deployed, unpacked, admin, karaf, cpu, w);
                begin("between");
                done.add(cycle);
                System.out.printf("CYCLE %d: serving after %6.2f s, removed after %6.2f s; during the cycle (%.1f s) "
                        + "REST %d ok, %d failed; HL7 %d AA, %d failed or NAK'd%n", i, cycle.servingSeconds(),
                        cycle.removedSeconds(), w.seconds(), w.restOk.get(), w.restFailed.get(), w.hl7Ok.get(),
                        w.hl7Failed.get());
                if (Double.isNaN(cycle.servingSeconds()) || Double.isNaN(cycle.removedSeconds())) {
                    System.out.println("STOPPED: a cycle did not finish within " + CYCLE_BOUND);
                    break;
                }
            }
            stop = true;
            load.shutdown();
            load.awaitTermination(2, TimeUnit.MINUTES);
            Window warmUp = warmUpWindow;
            System.out.printf("WARM-UP (%d s, not counted): REST %d ok, %d failed; HL7 %d AA, %d failed%n",
                    warmUpSeconds, warmUp.restOk.get(), warmUp.restFailed.get(), warmUp.hl7Ok.get(),
                    warmUp.hl7Failed.get());
            report(done, quiet);
            refreshes(pavilion.log(), logFrom);
        }
        System.out.println("MACHINE after: " + machine());
    }

    /**
     * One deploy and removal: the KAR moved into deploy/ (copied beside it first, so the deployer never sees half a
     * file), timed until the department's REST path answers 200 signed in; then deleted, timed until the path answers
     * 404 and the deployer has dropped the unpacked KAR (which it does once the feature is uninstalled); Karaf's
     * feature list is checked after the clock stops. Prints where the seconds went, from karaf.log.
     */
    private Cycle cycle(DistributionProcess pavilion, Path kar, Path deployed, Path unpacked, String admin,
            KarafFeatures karaf, CpuMeter cpu, Window w) throws Exception {
        Path staged = pavilion.home().resolve(kar.getFileName());
        Files.copy(kar, staged, StandardCopyOption.REPLACE_EXISTING);
        long logAtDeploy = Files.size(pavilion.log());
        LocalDateTime deployedAt = LocalDateTime.now();
        CpuMeter.Reading cpu0 = cpu.read();
        long t0 = System.nanoTime();
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
        double serving = awaitSeconds(t0, () -> status(admin, VISITS) == 200);
        double servingCpu = cpu.platformSeconds(cpu0);
        long logAtRemoval = Files.size(pavilion.log());
        LocalDateTime removedAt = LocalDateTime.now();
        CpuMeter.Reading cpu1 = cpu.read();
        long t1 = System.nanoTime();
        Files.delete(deployed);
        double removed = awaitSeconds(t1, () -> status(admin, VISITS) == 404 && !Files.exists(unpacked));
        double removedCpu = cpu.platformSeconds(cpu1);
        w.endNanos = System.nanoTime();
        boolean stillInstalled = karaf.installed(FEATURE);
        System.out.println("  deploy, s after the KAR appeared:  " + timeline(pavilion.log(), logAtDeploy,
                deployedAt, DEPLOY_MARKS) + String.format(", 200 at %.2f", serving));
        System.out.println("  removal, s after it was deleted:   " + timeline(pavilion.log(), logAtRemoval,
                removedAt, REMOVAL_MARKS) + String.format(", 404 and KAR gone at %.2f", removed)
                + (stillInstalled ? "; STILL INSTALLED by Karaf's feature list" : "; feature not installed"));
        return new Cycle(serving, removed, servingCpu, removedCpu, w);
    }

    private Window begin(String kind) {
        Window w = new Window(kind);
        Window previous = current;
        current = w;
        if (previous.endNanos == 0) {
            previous.endNanos = w.startNanos;
        }
        return w;
    }

    /**
     * Health answers UP while the last departments are still starting (and the telemedicine WebSocket restarts the web
     * context, 404 for everything meanwhile): load only once Karaf has started every boot bundle and the shell serves.
     */
    private void awaitBooted(KarafFeatures karaf, String admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (karaf.startLevel() < 100 || status(admin, "/api/v1/ui/manifest") != 200 || status(null, "/") != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the boot did not finish within 5 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** What Karaf logs on the way to serving the department, in order: where a cycle's seconds go. */
    private static final List<String[]> DEPLOY_MARKS = List.of(
            new String[] {"picked up", "Installing KAR file"},
            new String[] {"resolved", "Changes to perform"},
            new String[] {"schema", "Schema of org.pavilion.example"},
            new String[] {"REST published", "Published REST /api/v1/example"},
            new String[] {"feature done", "| Done."});
    private static final List<String[]> REMOVAL_MARKS = List.of(
            new String[] {"picked up", "Uninstalling KAR"},
            new String[] {"resolved", "Changes to perform"},
            new String[] {"REST withdrawn", "Withdrew REST /api/v1/example"},
            new String[] {"feature done", "| Done."});

    /**
     * Seconds from {@code at} to each mark's first line in karaf.log after the previous mark (from byte
     * {@code from}); karaf.log's timestamps are this machine's local time, like {@code at}.
     */
    private static String timeline(Path log, long from, LocalDateTime at, List<String[]> marks) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        String[] lines = new String(all, start, all.length - start, StandardCharsets.UTF_8).split("\n");
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (String[] mark : marks) {
            String found = null;
            for (; i < lines.length && found == null; i++) {
                if (lines[i].contains(mark[1])) {
                    found = lines[i];
                }
            }
            out.append(out.length() == 0 ? "" : ", ").append(mark[0]).append(' ');
            if (found == null || found.length() < 23) {
                out.append('-');
                continue;
            }
            LocalDateTime t = LocalDateTime.parse(found.substring(0, 23).replace(',', '.'));
            out.append(String.format("%.2f", Duration.between(at, t).toNanos() / 1e9));
        }
        return out.toString();
    }

    /** Seconds from {@code startNanos} until {@code done} holds, polled every 50 ms; NaN past the bound. */
    private static double awaitSeconds(long startNanos, Check done) throws Exception {
        long deadline = startNanos + CYCLE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.holds()) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
        return Double.NaN;
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    // ---- the load ----

    /** A receptionist: registers a new patient, then searches by the first letters of a family name, and again. */
    private void restClient(String token, int thinkMs) {
        while (!stop) {
            pause(thinkMs);
            Window w = current;
            int n = registrations.getAndIncrement();
            String family = family(n);
            ObjectNode p = JSON.createObjectNode().put("givenName", GIVEN[n % GIVEN.length]).put("familyName", family)
                    .put("sex", n % 2 == 0 ? "FEMALE" : "MALE")
                    .put("birthDate", LocalDate.of(1935, 1, 1).plusDays(n % 30_000).toString());
            record(w, "POST /emr/patients", () -> send(token, "POST", "/api/v1/emr/patients", p), 201);
            if (stop) {
                return;
            }
            pause(thinkMs);
            record(current, "GET /emr/patients?name=", () -> send(token, "GET", "/api/v1/emr/patients?size=20&name="
                    + family.substring(0, 4), null), 200);
        }
    }

    private void record(Window w, String what, RestCall call, int expected) {
        try {
            HttpResponse<String> r = call.send();
            if (r.statusCode() == expected) {
                w.restOk.incrementAndGet();
            } else if (r.statusCode() == 409 && r.body().contains("possible-duplicate")) {
                w.restDuplicate.incrementAndGet();
            } else {
                w.restFailed.incrementAndGet();
                failed(w, what + " -> " + r.statusCode() + " " + abbreviate(r.body()));
            }
        } catch (Exception e) {
            w.restFailed.incrementAndGet();
            failed(w, what + " -> " + e);
        }
    }

    @FunctionalInterface
    private interface RestCall {
        HttpResponse<String> send() throws Exception;
    }

    /** A registration system's feed: each new patient's A04, then an A08 that moves them to a new address. */
    private void mllpClient(int connection, int port, int thinkMs) {
        MllpFeed feed = null;
        for (int n = 0; !stop; n++) {
            pause(thinkMs);
            Window w = current;
            String id = "HD" + connection + "-" + n;
            String message = "A04";
            try {
                if (feed == null) {
                    feed = new MllpFeed(HOST, port, 30);
                }
                String a04 = MllpFeed.a04(id + "-4", id, family(n * 7 + connection), GIVEN[n % GIVEN.length],
                        String.format("19%02d%02d%02d", 30 + n % 70, 1 + n % 12, 1 + n % 28), n % 2 == 0 ? "F" : "M");
                ack(w, feed.send(feed.parse(a04)), id, message);
                pause(thinkMs);
                Window w2 = current;
                message = "A08";
                String a08 = a04.replace("|" + id + "-4|", "|" + id + "-8|").replace("ADT^A04^", "ADT^A08^")
                        .replace("EVN|A04", "EVN|A08").replace("12 Harbour St^^Leeds^^LS1 4AB", "3 Mill Lane^^York^^YO1 7HH");
                ack(w2, feed.send(feed.parse(a08)), id, message);
            } catch (Exception e) {
                w.hl7Failed.incrementAndGet();
                failed(w, "HL7 " + message + " " + id + " -> " + e);
                if (feed != null) {
                    feed.close();
                    feed = null;
                }
            }
        }
        if (feed != null) {
            feed.close();
        }
    }

    private void ack(Window w, String code, String id, String message) {
        if ("AA".equals(code)) {
            w.hl7Ok.incrementAndGet();
        } else {
            w.hl7Failed.incrementAndGet();
            failed(w, "HL7 " + message + " " + id + " -> " + code);
        }
    }

    private static void pause(int ms) {
        if (ms > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failed(Window w, String what) {
        if (failures.size() < 50) {
            failures.add(String.format("[%s, +%.2f s] %s", w.kind, (System.nanoTime() - w.startNanos) / 1e9, what));
        }
    }

    /** A family name of letters only, distinct for each n below 16^4 (the EMR's typo-tolerant search finds them). */
    private static String family(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append(SYLLABLE[(n >> (4 * i)) & 15]);
        }
        s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
        return s.toString();
    }

    // ---- the report ----

    private void report(List<Cycle> cycles, List<Window> quiet) {
        if (cycles.isEmpty()) {
            return;
        }
        double[] serving = cycles.stream().mapToDouble(Cycle::servingSeconds).sorted().toArray();
        double[] removed = cycles.stream().mapToDouble(Cycle::removedSeconds).sorted().toArray();
        System.out.printf("TIME TO SERVING: median %.2f s, max %.2f s (goal < 5 s)%n", median(serving),
                serving[serving.length - 1]);
        System.out.printf("TIME TO REMOVED: median %.2f s, max %.2f s%n", median(removed), removed[removed.length - 1]);
        List<Window> deploys = cycles.stream().map(Cycle::window).toList();
        System.out.printf("%-22s %7s %9s %9s %7s %9s %9s %7s%n", "windows", "seconds", "REST ok", "REST/s",
                "failed", "HL7 AA", "HL7 msg/s", "failed");
        line("quiet (no deploy)", quiet);
        line("deploy cycles", deploys);
        long dup = quiet.stream().mapToLong(w -> w.restDuplicate.get()).sum()
                + deploys.stream().mapToLong(w -> w.restDuplicate.get()).sum();
        if (dup > 0) {
            System.out.println("(409 possible-duplicate answers, not counted as failures: " + dup + ")");
        }
        long failedInCycles = deploys.stream().mapToLong(w -> w.restFailed.get() + w.hl7Failed.get()).sum();
        System.out.println("FAILED ELSEWHERE DURING THE CYCLES: " + failedInCycles + " (goal 0)");
        failures.forEach(f -> System.out.println("  " + f));
    }

    private static void line(String label, List<Window> windows) {
        double s = windows.stream().mapToDouble(Window::seconds).sum();
        long restOk = windows.stream().mapToLong(w -> w.restOk.get()).sum();
        long restFailed = windows.stream().mapToLong(w -> w.restFailed.get()).sum();
        long hl7Ok = windows.stream().mapToLong(w -> w.hl7Ok.get()).sum();
        long hl7Failed = windows.stream().mapToLong(w -> w.hl7Failed.get()).sum();
        System.out.printf("%-22s %7.1f %9d %9.1f %7d %9d %9.1f %7d%n", label, s, restOk, restOk / s, restFailed, hl7Ok,
                hl7Ok / s, hl7Failed);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * What Karaf refreshed during the cycles (a refresh of shared bundles would restart them under the load; the
     * department's own bundle, refreshed as it is uninstalled, is harmless) and every ERROR it logged.
     */
    private static void refreshes(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        String[] lines = new String(all, start, all.length - start, StandardCharsets.UTF_8).split("\n");
        java.util.Map<String, Integer> refreshed = new java.util.TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("| Refreshing bundles:")) {
                // The bundles follow one a line, indented after the last '|'.
                for (int j = i + 1; j < lines.length && lines[j].matches(".*\\|\\s{3,}\\S.*"); j++) {
                    refreshed.merge(lines[j].substring(lines[j].lastIndexOf('|') + 1).trim(), 1, Integer::sum);
                }
            } else if (lines[i].contains("| ERROR |") && errors.size() < 10) {
                errors.add(abbreviate(lines[i]));
            }
        }
        System.out.println("KARAF REFRESHED during the cycles: " + (refreshed.isEmpty() ? "nothing" : ""));
        refreshed.forEach((bundle, times) -> System.out.println("  " + times + "x " + bundle));
        System.out.println("KARAF ERRORS during the cycles: " + (errors.isEmpty() ? "none" : ""));
        errors.forEach(e -> System.out.println("  " + e));
    }

    /** Cores, load average and uptime: the figures carry whatever else ran on the machine. */
    private static String machine() {
        try {
            return Runtime.getRuntime().availableProcessors() + " cores, load average "
                    + Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (IOException notLinux) {
            return Runtime.getRuntime().availableProcessors() + " cores";
        }
    }

    // ---- REST ----

    private int status(String token, String path) throws Exception {
        return send(token, "GET", path, null).statusCode();
    }

    private HttpResponse<String> send(String token, String method, String path, ObjectNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String user(String admin, String username, String role) throws Exception {
        ObjectNode u = JSON.createObjectNode().put("username", username).put("password", username + "-Bench-1");
        u.putArray("roles").add(role);
        HttpResponse<String> r = send(admin, "POST", "/api/v1/platform/users", u);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("user " + username + ": " + r.statusCode() + " " + r.body());
        }
        return BenchSupport.login(base, username, username + "-Bench-1");
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    private HotDeployBenchmark() {
    }
}
