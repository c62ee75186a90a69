package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.karaf.features.FeaturesService;
import org.junit.After;
import org.junit.Rule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Base class of Pavilion's Pax Exam tests: our real distribution (the tar.gz built by karaf-distribution),
 * unpacked under {@code target/exam-<db>/}, booted ONCE per test class on free ports, on the database chosen by
 * system property {@code pavilion.itest.db}:
 * <ul>
 * <li>{@code h2} (default): the embedded H2 file database the distribution ships with;</li>
 * <li>{@code postgresql}: the server of {@code pavilion.itest.pg.url} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/pavilion_itest}, user {@code postgres}, trust authentication), database
 * {@code pavilion_itest_<test class>}, dropped and re-created before the container boots; PostgreSQL missing or
 * unreachable fails the class, it never skips.</li>
 * </ul>
 * Subclasses add options with {@link #extraOptions()}. Runtime folders are kept under {@code target/} (Pax Exam
 * cannot keep them only on failure); a failing test prints the tail of {@code data/log/karaf.log} and the folder.
 * <p>
 * Test methods run inside the container; {@link #config()} runs in the driver JVM, so values cross over as
 * system properties ({@code pavilion.itest.*}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class PavilionTestSupport {

    public static final String DB_PROPERTY = "pavilion.itest.db";
    public static final String PG_URL_PROPERTY = "pavilion.itest.pg.url";
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/pavilion_itest";
    /** Set inside the container: the HTTP port Pax Web listens on. */
    public static final String HTTP_PORT_PROPERTY = "pavilion.itest.http.port";

    /**
     * How long the platform may take from container start to a healthy core with its endpoints: 4 minutes on CI's 2
     * cores; on a machine shared with other builds raise it with {@code -Dpavilion.itest.bootMinutes=12}. The one
     * bound every boot wait uses (Pax Exam, distribution processes, browser tests).
     */
    public static final Duration BOOT_BOUND = Duration.ofMinutes(Long.getLong("pavilion.itest.bootMinutes", 4));

    private static final Pattern PG_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([a-z][a-z0-9_]*)(\\?.*)?");

    @Inject
    protected BundleContext bundleContext;

    /**
     * The FeaturesService as registered now. Not injected: Karaf re-creates it whenever its configuration
     * (PID org.apache.karaf.features) is updated, also during boot, and an instance taken before that rejects
     * installs and uninstalls (its executor is shut down) - seen once in CI as a RejectedExecutionException.
     */
    protected FeaturesService features() throws InterruptedException {
        return awaitService(FeaturesService.class, null, BOOT_BOUND);
    }

    /** A features operation that may meet a FeaturesService being replaced; retried on a fresh one. */
    @FunctionalInterface
    protected interface FeaturesCall {
        void run(FeaturesService service) throws Exception;
    }

    protected void withFeatures(FeaturesCall call) throws Exception {
        long deadline = System.nanoTime() + BOOT_BOUND.toNanos();
        while (true) {
            try {
                call.run(features());
                return;
            } catch (java.util.concurrent.RejectedExecutionException replaced) {
                if (System.nanoTime() > deadline) {
                    throw replaced;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Feature operations without refreshing other bundles, as an operator switching one department does. */
    protected static final java.util.EnumSet<FeaturesService.Option> NO_REFRESH =
            java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    /** Each department of pavilion-all its own root requirement, so removing one removes only it. */
    protected void everyDepartmentItsOwnRootRequirement() throws Exception {
        for (org.apache.karaf.features.Dependency d : features().getFeature("pavilion-all").getDependencies()) {
            withFeatures(f -> f.installFeature(d.getName(), NO_REFRESH));
        }
        if (features().isInstalled(features().getFeature("pavilion-all"))) {
            withFeatures(f -> f.uninstallFeature("pavilion-all", NO_REFRESH));
        }
    }

    /** On failure: where the runtime is, and the end of its karaf.log (runs inside the container). */
    @Rule
    public final TestWatcher dumpLogOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            Path log = karafData().resolve("log/karaf.log");
            System.err.println("===== " + description + " failed; runtime folder kept at "
                    + System.getProperty("karaf.base") + "\n===== last 200 lines of " + log + ":\n" + tail(log, 200)
                    + "\n===== end of karaf.log");
        }
    };

    // ------------------------------------------------------------------------------------------------
    // Container configuration (driver JVM)
    // ------------------------------------------------------------------------------------------------

    @Configuration
    public Option[] config() throws Exception {
        String db = database();
        int httpPort = freePort();
        List<Option> options = new ArrayList<>(Arrays.asList(
                karafDistributionConfiguration()
                        .frameworkUrl(distribution())
                        .karafVersion(System.getProperty("pavilion.itest.karaf.version", "4.4.10"))
                        .name("Pavilion")
                        .unpackDirectory(new File("target/exam-" + db))
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                vmOption("-Xmx1g"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        String.valueOf(httpPort)),
                // JMX's rmiRegistryPort and rmiServerPort: Pax Exam's Karaf container picks free ones itself.
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                systemProperty(HTTP_PORT_PROPERTY).value(String.valueOf(httpPort)),
                systemProperty(DB_PROPERTY).value(db)));
        // The hub's listener on a free port, never the shipped 2575, which another run on the machine may hold.
        int hl7Port = freePort();
        options.add(editConfigurationFilePut(HL7_LISTENER_CFG, "port", String.valueOf(hl7Port)));
        options.add(systemProperty(HL7_PORT_PROPERTY).value(String.valueOf(hl7Port)));
        if ("postgresql".equals(db)) {
            options.addAll(postgresqlOptions(getClass().getSimpleName()));
        }
        if (!shippedLoginThrottle()) {
            // The suite signs dozens of users in from 127.0.0.1 within seconds: not what the throttle is for.
            options.add(editConfigurationFilePut("etc/org.pavilion.core.auth.cfg", "loginAttemptsPerMinutePerAddress",
                    "6000"));
            options.add(editConfigurationFilePut("etc/org.pavilion.core.auth.cfg", "loginBurstPerAddress", "1000"));
        }
        options.addAll(Arrays.asList(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /** True for a class that tests the shipped per-address login throttle (LoginSecurityIT); others raise it. */
    protected boolean shippedLoginThrottle() {
        return false;
    }

    /** Subclasses: more options (features to install, configuration edits, system properties). */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** Our distribution, at the version of this build (META-INF/maven/dependencies.properties). */
    public static MavenArtifactUrlReference distribution() {
        return maven().groupId("org.pavilion").artifactId("pavilion-distribution").type("tar.gz").versionAsInProject();
    }

    /** {@code h2} or {@code postgresql}; anything else is a mistake, not a silent default. */
    public static String database() {
        String db = System.getProperty(DB_PROPERTY, "h2").trim().toLowerCase();
        if (!db.equals("h2") && !db.equals("postgresql")) {
            throw new IllegalArgumentException(DB_PROPERTY + " must be h2 or postgresql, not '" + db + "'");
        }
        return db;
    }

    /**
     * Drops and re-creates this test class's database, then points etc/org.ops4j.datasource-pavilion.cfg at it.
     * Each class gets its own database, {@code <database of pavilion.itest.pg.url>_<class name>}, so a container of
     * the previous class that is still shutting down never writes into the next class's fresh database.
     */
    private static List<Option> postgresqlOptions(String testClass) {
        String url = withShippedTimeouts(perClassUrl(System.getProperty(PG_URL_PROPERTY, DEFAULT_PG_URL).trim(), testClass));
        String user = System.getProperty("pavilion.itest.pg.user", "postgres");
        String password = System.getProperty("pavilion.itest.pg.password", "");
        recreateDatabase(url, user, password);
        String cfg = "etc/org.ops4j.datasource-pavilion.cfg";
        return Arrays.asList(
                editConfigurationFilePut(cfg, "dataSourceName", "pavilion"),
                editConfigurationFilePut(cfg, "osgi.jdbc.driver.class", "org.postgresql.Driver"),
                editConfigurationFilePut(cfg, "url", url),
                editConfigurationFilePut(cfg, "user", user),
                editConfigurationFilePut(cfg, "password", password),
                editConfigurationFilePut(cfg, "pool", "dbcp2"),
                editConfigurationFilePut(cfg, "xa", "false"));
    }

    /** The timeouts etc/org.ops4j.datasource-pavilion.cfg documents for PostgreSQL, unless the URL sets its own. */
    static final String PG_TIMEOUTS = "connectTimeout=5&socketTimeout=45"
            + "&options=-c%20statement_timeout%3D30s%20-c%20lock_timeout%3D5s";

    static String withShippedTimeouts(String url) {
        return url.contains("Timeout") || url.contains("options=") ? url
                : url + (url.contains("?") ? "&" : "?") + PG_TIMEOUTS;
    }

    static String perClassUrl(String url, String testClass) {
        Matcher m = PG_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(PG_URL_PROPERTY + " must look like " + DEFAULT_PG_URL
                    + " (database name [a-z][a-z0-9_]*), not " + url);
        }
        String name = (m.group(2) + "_" + testClass.toLowerCase().replaceAll("[^a-z0-9_]", "_"));
        name = name.substring(0, Math.min(name.length(), 63));
        return m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * Connects to the {@code postgres} database of the same server and drops and re-creates the database named
     * in {@code url}, so each test class starts on an empty schema. Fails loudly when PostgreSQL is not there.
     */
    public static void recreateDatabase(String url, String user, String password) {
        Matcher m = PG_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(PG_URL_PROPERTY + " must look like " + DEFAULT_PG_URL
                    + " (database name [a-z][a-z0-9_]*), not " + url);
        }
        String admin = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        String name = m.group(2);
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("pavilion.itest.db=postgresql, but PostgreSQL at " + admin + " (user "
                    + user + ") cannot drop and create " + name + ": " + e.getMessage()
                    + ". Start PostgreSQL (bash .ci/run does) or run with -Dpavilion.itest.db=h2.", e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers for the tests (inside the container)
    // ------------------------------------------------------------------------------------------------

    /** http://localhost:&lt;port&gt; of this container. */
    protected static String baseUrl() {
        String port = System.getProperty(HTTP_PORT_PROPERTY);
        if (port == null) {
            throw new IllegalStateException(HTTP_PORT_PROPERTY + " is not set: not running in a Pavilion test container");
        }
        return "http://localhost:" + port;
    }

    protected static Path karafData() {
        return Paths.get(System.getProperty("karaf.data", "data"));
    }

    /** Waits (bounded) until GET /api/v1/platform/health answers 200, and returns that answer. */
    protected static Http.Response awaitHealthy() throws InterruptedException {
        Http anonymous = Http.anonymous(baseUrl());
        Http.Response health = Await.value("GET /api/v1/platform/health answers 200", BOOT_BOUND, () -> {
            Http.Response r = anonymous.get("/api/v1/platform/health");
            if (r.status != 200) {
                throw new AssertionError(r.toString());
            }
            return r;
        });
        // Health is UP once the core is; departments publish their endpoints a moment later.
        Await.until("every department's REST endpoint is published", BOOT_BOUND, () -> {
            for (String path : DEPARTMENT_ENDPOINTS) {
                int status = anonymous.get(path).status;
                if (status != 401) {
                    throw new AssertionError(path + " answers " + status + ", not yet 401");
                }
            }
        });
        return health;
    }

    /** One REST endpoint of each department pavilion-all boots; published means it asks for credentials. */
    protected static final List<String> DEPARTMENT_ENDPOINTS = List.of("/api/v1/platform/users",
            "/api/v1/platform/events/dead-letters", "/api/v1/example/visits", "/api/v1/example/ward-board",
            "/api/v1/emr/patients", "/api/v1/hl7/messages", "/api/v1/scheduling/appointments",
            "/api/v1/lab/orders?patientId=0000000000", "/api/v1/pharmacy/stores",
            "/api/v1/billing/tax-categories", "/api/v1/notifications/events", "/api/v1/telemedicine/consultations");

    /**
     * The password pavilion-core generated for {@code admin} on first start, from
     * {@code ${karaf.data}/pavilion/initial-admin-password} (waits, bounded, for the file). It signs in once only: the
     * first sign-in must replace it, which deletes the file; use {@link #adminPassword()} to sign in.
     */
    protected static String initialAdminPassword() throws InterruptedException {
        Path file = initialAdminPasswordFile();
        return Await.value("the core writes " + file, BOOT_BOUND, () -> {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).trim();
            return password.isEmpty() ? null : password;
        });
    }

    protected static Path initialAdminPasswordFile() {
        return karafData().resolve("pavilion/initial-admin-password");
    }

    /** What the first sign-in of admin in this container saw, before and after it replaced the initial password. */
    public record FirstAdminSignIn(String initialPassword, JsonNode login, Http.Response me,
            Http.Response patientsBefore, Http.Response soapBefore, Http.Response change, Http.Response patientsAfter) {
    }

    private static FirstAdminSignIn firstAdminSignIn;

    /**
     * The first sign-in of admin in this container, done once whichever test comes first: with the generated password,
     * which the platform asks to replace before anything else; it is changed to {@link Http#ADMIN_TEST_PASSWORD}.
     */
    protected static synchronized FirstAdminSignIn firstAdminSignIn() throws Exception {
        if (firstAdminSignIn != null) {
            return firstAdminSignIn;
        }
        awaitHealthy();
        String initial = initialAdminPassword();
        Http.Response login = Await.value("admin signs in at /api/v1/auth/login", BOOT_BOUND, () -> {
            Http.Response r = Http.anonymous(baseUrl()).post("/api/v1/auth/login",
                    obj().put("username", "admin").put("password", initial));
            return r.status == 200 ? r : null;
        });
        Http admin = Http.withToken(baseUrl(), login.json().path("token").asText());
        Http.Response me = admin.get("/api/v1/auth/session");
        Http.Response before = admin.get("/api/v1/emr/patients");
        Http.Response soapBefore = soapCall(admin.token(), "/api/soap/emr/ClinicalRecord",
                "<r:openEncounter xmlns:r=\"urn:pavilion:emr:record:v1\"><mrn>0000000000</mrn></r:openEncounter>");
        Http.Response change = admin.post("/api/v1/auth/password", obj().put("currentPassword", initial)
                .put("newPassword", Http.ADMIN_TEST_PASSWORD));
        if (change.status != 204) {
            throw new AssertionError("admin's change of the initial password refused: " + change);
        }
        Http.Response after = admin.get("/api/v1/emr/patients");
        firstAdminSignIn = new FirstAdminSignIn(initial, login.json(), me, before, soapBefore, change, after);
        return firstAdminSignIn;
    }

    /** POSTs a SOAP 1.1 envelope around {@code body} to {@code path} with the bearer token. */
    private static Http.Response soapCall(String token, String path, String body) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                        .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                        .header("Authorization", "Bearer " + token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    /** The administrator's password from now on: {@link Http#ADMIN_TEST_PASSWORD}, after the first sign-in chose it. */
    protected static String adminPassword() throws Exception {
        firstAdminSignIn();
        return Http.ADMIN_TEST_PASSWORD;
    }

    /**
     * Logs in as the administrator once the platform is healthy (the first time, replacing the initial password). The
     * login resource may be published a moment after the health resource, so the login is retried (bounded).
     */
    protected static Http loginAsAdmin() throws Exception {
        String password = adminPassword();
        return Await.value("admin signs in at /api/v1/auth/login", BOOT_BOUND,
                () -> Http.login(baseUrl(), "admin", password));
    }

    /** Waits (bounded) for one service matching {@code filter} (may be null) and returns it. */
    protected <T> T awaitService(Class<T> type, String filter, Duration bound) throws InterruptedException {
        return Await.value("a " + type.getName() + " service " + (filter == null ? "" : filter), bound, () -> {
            Collection<ServiceReference<T>> refs;
            try {
                refs = bundleContext.getServiceReferences(type, filter);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
            return refs.isEmpty() ? null : bundleContext.getService(refs.iterator().next());
        });
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    // ---- helpers the department ITs share ----

    /** The system property carrying the HL7 listener's port: a free one in every container, never the shipped 2575. */
    public static final String HL7_PORT_PROPERTY = "pavilion.itest.hl7.port";

    /** The hub's default MLLP listener's configuration. */
    protected static final String HL7_LISTENER_CFG = "etc/org.pavilion.hl7.listener-default.cfg";

    /** This test method's sending system (HAPI's MLLP client); closed when the method ends. */
    private HapiMllp hl7Client;

    /** The sending system of this test method, connected to the listener at {@link #HL7_PORT_PROPERTY}. */
    protected synchronized HapiMllp hl7Client() {
        if (hl7Client == null) {
            hl7Client = new HapiMllp("localhost", Integer.parseInt(System.getProperty(HL7_PORT_PROPERTY)));
        }
        return hl7Client;
    }

    @After
    public synchronized void closeHl7Client() throws Exception {
        if (hl7Client != null) {
            hl7Client.close();
            hl7Client = null;
        }
    }

    /** Segment {@code id} of an ACK (or any message text), empty when absent. */
    protected static String segment(String ack, String id) {
        for (String s : ack.split("\r")) {
            if (s.startsWith(id + "|")) {
                return s;
            }
        }
        return "";
    }

    /** Field {@code n} of a segment's text, empty when absent. */
    protected static String field(String segment, int n) {
        String[] f = segment.split("\\|", -1);
        return n < f.length ? f[n] : "";
    }

    /** MSA-1 of an ACK: AA, AE or AR. */
    protected static String msa1(String ack) {
        return field(segment(ack, "MSA"), 1);
    }

    /** A user with one seeded role, and for a patient's own account its patient id; signed in. */
    protected static Http createUser(Http admin, String username, String role, String patientId) throws Exception {
        ObjectNode user = obj().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        if (patientId != null) {
            user.put("patientId", patientId);
        }
        created(admin.post("/api/v1/platform/users", user));
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    /** Registers a patient at the EMR's desk and returns the new MRN. */
    protected static String registerPatient(Http clerk, String given, String family, String sex, String birthDate)
            throws Exception {
        return created(clerk.post("/api/v1/emr/patients", obj().put("givenName", given).put("familyName", family)
                .put("sex", sex).put("birthDate", birthDate))).path("mrn").asText();
    }

    protected static JsonNode ok(Http.Response r) throws Exception {
        assertEquals(r.toString(), 200, r.status);
        return r.json();
    }

    protected static JsonNode created(Http.Response r) throws Exception {
        assertEquals(r.toString(), 201, r.status);
        return r.json();
    }

    /** A problem+json answer with {@code status} and a detail saying what was wrong; returns the problem. */
    protected static JsonNode problem(int status, Http.Response r) throws Exception {
        assertEquals(r.toString(), status, r.status);
        assertTrue(r.toString(), r.contentType != null && r.contentType.contains("problem+json"));
        assertFalse(r.toString(), r.json().path("detail").asText().isEmpty());
        return r.json();
    }

    protected static ObjectNode obj() {
        return Http.json().createObjectNode();
    }

}
