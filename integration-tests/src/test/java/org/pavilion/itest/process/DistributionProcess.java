package org.pavilion.itest.process;

import static org.pavilion.itest.PavilionTestSupport.freePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * The real Pavilion distribution run as an operating-system process, the way a hospital runs it: unpacked
 * from the built tar.gz, started with {@code bin/karaf server}, stopped and started again. Used where a
 * test or benchmark needs what Pax Exam cannot give: a restart of the same installation, a kill -9, the
 * resident memory of the whole JVM.
 */
public final class DistributionProcess implements AutoCloseable {

    private final Path home;
    /** Whether the first sign-in replaced the generated administrator password (it stays so across restarts). */
    private volatile boolean adminPasswordChosen;
    private final int httpPort;
    private String pgAdminUrl;
    private String pgDatabase;
    private Process process;
    private Path console;

    private DistributionProcess(Path home, int httpPort) {
        this.home = home;
        this.httpPort = httpPort;
    }

    /**
     * Unpacks the distribution archive named by system property {@code pavilion.distribution.archive} into a
     * fresh folder under {@code target/}, on free ports, on the database chosen by {@code pavilion.itest.db}.
     */
    public static DistributionProcess unpack(String name) throws Exception {
        Path archive = Paths.get(System.getProperty("pavilion.distribution.archive",
                "../karaf-distribution/target/pavilion-distribution-0.2.0-SNAPSHOT.tar.gz")).toAbsolutePath();
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Build the distribution first: " + archive + " is missing");
        }
        Path parent = Paths.get("target", "process-runs").toAbsolutePath();
        Files.createDirectories(parent);
        Path home = parent.resolve(name + "-" + System.currentTimeMillis());
        Files.createDirectories(home);
        run(List.of("tar", "xzf", archive.toString(), "-C", home.toString(), "--strip-components=1"), home);
        int http = freePort();
        DistributionProcess d = new DistributionProcess(home, http);
        d.writeEtc("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(http));
        d.writeEtc("org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort()));
        d.writeEtc("org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort()));
        d.writeEtc("org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort()));
        // Not the shipped 2575: a distribution left running (the browser tests share one per test JVM) must not
        // hold the port the Pax Exam containers' default listener binds.
        d.writeEtc("org.pavilion.hl7.listener-default.cfg", "port", String.valueOf(freePort()));
        // Tests and benchmarks sign many users in from 127.0.0.1 at once: not what the login throttle is for.
        d.writeEtc("org.pavilion.core.auth.cfg", "loginAttemptsPerMinutePerAddress", "6000");
        d.writeEtc("org.pavilion.core.auth.cfg", "loginBurstPerAddress", "1000");
        if ("postgresql".equals(System.getProperty("pavilion.itest.db", "h2"))) {
            d.usePostgreSql(name.replaceAll("[^a-z0-9]", "_") + "_" + ProcessHandle.current().pid());
        }
        return d;
    }

    /** A fresh PostgreSQL database for this installation; fails loudly when PostgreSQL is not there. */
    private void usePostgreSql(String suffix) throws Exception {
        String base = System.getProperty("pavilion.itest.pg.url", PavilionTestSupport.DEFAULT_PG_URL);
        String user = System.getProperty("pavilion.itest.pg.user", "postgres");
        String password = System.getProperty("pavilion.itest.pg.password", "");
        String server = base.substring(0, base.lastIndexOf('/') + 1);
        pgDatabase = "pavilion_proc_" + suffix;
        pgAdminUrl = server + "postgres";
        String url = server + pgDatabase;
        PavilionTestSupport.recreateDatabase(url, user, password);
        Path cfg = home.resolve("etc/org.ops4j.datasource-pavilion.cfg");
        String text = "osgi.jdbc.driver.class=org.postgresql.Driver\n"
                + "dataSourceName=pavilion\n"
                + "url=" + url + "\n"
                + "user=" + user + "\n"
                + "password=" + password + "\n"
                + "pool=dbcp2\n"
                + "xa=false\n";
        Files.writeString(cfg, text, StandardCharsets.UTF_8);
    }

    /** Sets {@code key=value} in an etc/ file, replacing an existing line. */
    public void writeEtc(String file, String key, String value) throws IOException {
        Path cfg = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg) : new java.util.ArrayList<>();
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith(key + "=") || line.startsWith(key + " =") || line.startsWith(key + " ")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }

    /** Starts {@code bin/karaf server} and returns at once. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Path karaf = home.resolve("bin/karaf");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(karaf);
        perms.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(karaf, perms);
        console = home.resolve("console-" + System.currentTimeMillis() + ".log");
        ProcessBuilder pb = new ProcessBuilder(karaf.toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
    }

    /** Waits until /api/v1/platform/health answers 200; returns how long that took from now. */
    public Duration awaitHealthy(Duration bound) throws Exception {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/platform/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Pavilion exited with " + process.exitValue() + "; see " + console);
            }
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("Not healthy within " + bound + ": " + last + "\n" + PavilionTestSupport.tail(log(), 60));
    }

    /** Stops the way an operator does (SIGTERM, Karaf's orderly shutdown) and waits for the exit. */
    public void stop() throws Exception {
        if (process == null) {
            return;
        }
        Optional<ProcessHandle> java = javaProcess();
        java.ifPresent(ProcessHandle::destroy);
        process.destroy();
        // Both the launcher script and its JVM must be gone, or the next start finds a "running" root instance.
        boolean stopped = process.waitFor(90, TimeUnit.SECONDS);
        if (stopped && java.isPresent()) {
            try {
                java.get().onExit().get(90, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                stopped = false;
            }
        }
        if (!stopped) {
            kill();
            throw new IllegalStateException("Pavilion did not stop within 90 s");
        }
        process = null;
    }

    /** kill -9 of the JVM: a power cut, as far as the platform can tell. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        Optional<ProcessHandle> java = javaProcess();
        java.ifPresent(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        if (java.isPresent()) {
            try {
                java.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the JVM survived kill -9", e);
            }
        }
        process = null;
    }

    /** Resident memory of the platform's JVM in KiB, from /proc. */
    public long residentKiB() throws IOException {
        ProcessHandle java = javaProcess().orElseThrow(() -> new IllegalStateException("no JVM running"));
        for (String line : Files.readAllLines(Paths.get("/proc", String.valueOf(java.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + java.pid());
    }

    /** The platform JVM's process id, -1 when it is not running. */
    public long javaPid() {
        return javaProcess().map(ProcessHandle::pid).orElse(-1L);
    }

    private Optional<ProcessHandle> javaProcess() {
        if (process == null) {
            return Optional.empty();
        }
        if (process.info().command().map(c -> c.endsWith("java")).orElse(false)) {
            return Optional.of(process.toHandle());
        }
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path home() {
        return home;
    }

    /**
     * The administrator's password. The first call signs in with the generated one and replaces it with
     * {@link Http#ADMIN_TEST_PASSWORD}, as the platform requires of the first sign-in (which deletes the generated
     * password's file); later calls, also after a restart, return that. Call once the platform is healthy.
     */
    public String adminPassword() throws Exception {
        if (!adminPasswordChosen) {
            String initial = Files.readString(initialAdminPasswordFile()).trim();
            // The login resource may be published a moment after the health resource answers UP.
            Await.value("admin's first sign-in", PavilionTestSupport.BOOT_BOUND, () -> Http.firstAdminSignIn(baseUrl(), initial));
            adminPasswordChosen = true;
        }
        return Http.ADMIN_TEST_PASSWORD;
    }

    /** Where the platform writes the first administrator's generated password (deleted once it is replaced). */
    public Path initialAdminPasswordFile() {
        return home.resolve("data/pavilion/initial-admin-password");
    }

    public Path log() {
        return home.resolve("data/log/karaf.log");
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            kill();
            dropDatabase();
        }
    }

    private void dropDatabase() throws Exception {
        if (pgDatabase == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(pgAdminUrl, System.getProperty("pavilion.itest.pg.user", "postgres"),
                System.getProperty("pavilion.itest.pg.password", "")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
        }
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
    }
}
