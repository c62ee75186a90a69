package org.pavilion.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Base class of Pax Exam tests against the real Pavilion distribution, ours (integration-tests) and a vendor
 * department's: the distribution tar.gz of this library's own version, unpacked under {@code target/exam-<db>/},
 * booted ONCE per test class on free ports, on the database chosen by system property {@code pavilion.itest.db}:
 * <ul>
 * <li>{@code h2} (default): the embedded H2 file database the distribution ships with;</li>
 * <li>{@code postgresql}: the server of {@code pavilion.itest.pg.url} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/pavilion_itest}, user {@code postgres}, trust authentication), database
 * {@code pavilion_itest_<test class>}, dropped and re-created before the container boots; PostgreSQL missing or
 * unreachable fails the class, it never skips.</li>
 * </ul>
 * Subclasses add options with {@link #extraOptions()} (a vendor's department: {@link #departmentKar()}) and name the
 * REST paths that must be published before a test starts with {@link #publishedEndpoints()}. Runtime folders are
 * kept under {@code target/} (Pax Exam cannot keep them only on failure); a failing test prints the tail of
 * {@code data/log/karaf.log} and the folder.
 * <p>
 * Test methods run inside the container; {@link #config()} runs in the driver JVM, so values cross over as
 * system properties ({@code pavilion.itest.*}). In the container this library is a bundle of its own (installed by
 * {@link #config()}) that imports whatever it needs as the test probe does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class PavilionTestSupport {

    public static final String DB_PROPERTY = "pavilion.itest.db";
    public static final String PG_URL_PROPERTY = "pavilion.itest.pg.url";
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/pavilion_itest";
    /** Set inside the container: the HTTP port Pax Web listens on. */
    public static final String HTTP_PORT_PROPERTY = "pavilion.itest.http.port";
    /** Set inside the container: the REST paths {@link #awaitHealthy()} waits for, comma-separated. */
    public static final String ENDPOINTS_PROPERTY = "pavilion.itest.endpoints";

    /** The platform release this library belongs to and boots, and the Karaf it runs on (filtered at build time). */
    public static final String PLATFORM_VERSION;
    public static final String KARAF_VERSION;

    static {
        Properties p = new Properties();
        try (InputStream in = PavilionTestSupport.class.getResourceAsStream("platform.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("org/pavilion/testsupport/platform.properties is missing from "
                    + "pavilion-test-support", e);
        }
        PLATFORM_VERSION = p.getProperty("version");
        KARAF_VERSION = p.getProperty("karaf.version");
    }

    /**
     * How long the platform may take from container start to a healthy core with its endpoints: 4 minutes on CI's 2
     * cores; on a machine shared with other builds raise it with {@code -Dpavilion.itest.bootMinutes=12}. The one
     * bound every boot wait uses (Pax Exam, distribution processes, browser tests).
     */
    public static final Duration BOOT_BOUND = Duration.ofMinutes(Long.getLong("pavilion.itest.bootMinutes", 4));

    private static final Pattern PG_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([a-z][a-z0-9_]*)(\\?.*)?");

    /**
     * The context of the test's own bundle (the probe), as {@code @Inject} on a field of the test class gives it; null
     * in the driver JVM. Not injected here: Pax Exam would inject the context of the bundle declaring the field, this
     * library's, which starts only with the last of the boot features, long after the tests begin.
     */
    protected final BundleContext bundleContext = probeContext(getClass());

    private static BundleContext probeContext(Class<?> test) {
        Bundle bundle = FrameworkUtil.getBundle(test);
        return bundle == null ? null : bundle.getBundleContext();
    }

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
    public static final java.util.EnumSet<FeaturesService.Option> NO_REFRESH =
            java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

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
                        .karafVersion(System.getProperty("pavilion.itest.karaf.version", KARAF_VERSION))
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
                systemProperty(ENDPOINTS_PROPERTY).value(String.join(",", publishedEndpoints())),
                systemProperty(DB_PROPERTY).value(db),
                // Pax Exam's probe waits only 10 s for its invoker and injector by default; on a first boot the
                // platform's own migration runs on the feature installer's thread first, which on a loaded 2-core
                // machine took 8-10 s: the probe gave up and the test class failed or hung.
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("180000"),
                systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value("180000"),
                systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT")
                        .value("180000"),
                testSupportBundle()));
        options.addAll(startedAsBinKaraf());
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

    /**
     * The module options {@code bin/karaf} gives the JVM on Java 9 and later, which Pax Exam's Karaf container does
     * not: the specs locator patched into java.base and the XML specs into java.xml from {@code lib/endorsed}, and the
     * opens Karaf's own code needs. Without them the container under test differs from the shipped one (the specs
     * activator fails with NoClassDefFoundError OsgiLocator at boot, and spec lookups fall back to the JDK's).
     * Paths are relative to the Karaf home, the container's working directory.
     */
    static List<Option> startedAsBinKaraf() {
        String karaf = System.getProperty("pavilion.itest.karaf.version", KARAF_VERSION);
        List<Option> options = new ArrayList<>();
        for (String o : List.of(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module=java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar",
                "--patch-module=java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar",
                "--add-opens=java.base/java.security=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED")) {
            options.add(vmOption(o));
        }
        return options;
    }

    /** True for a class that tests the shipped per-address login throttle (LoginSecurityIT); others raise it. */
    protected boolean shippedLoginThrottle() {
        return false;
    }

    /**
     * Subclasses: more options (a department's KAR or features, configuration edits, system properties).
     */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /**
     * REST paths that answer 401 (published, asking for credentials) once the platform and every department a test
     * needs have started; {@link #awaitHealthy()} waits for all of them. Default: the platform's own.
     */
    protected List<String> publishedEndpoints() {
        return List.of("/api/v1/platform/users");
    }

    /** The Pavilion distribution of {@link #PLATFORM_VERSION}, from the local Maven repository. */
    public static MavenArtifactUrlReference distribution() {
        return maven().groupId("org.pavilion").artifactId("pavilion-distribution").type("tar.gz")
                .version(PLATFORM_VERSION);
    }

    /**
     * A department's KAR (feature and bundles), dropped into the distribution's {@code deploy/} before it boots: the
     * hospital installs it as it would a vendor's delivery. The one {@code *.kar} the build left in {@code target/}.
     */
    public static Option departmentKar() {
        Path target = Paths.get("target");
        List<Path> kars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            kars = files.filter(f -> f.getFileName().toString().endsWith(".kar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kars.size() != 1) {
            throw new IllegalStateException("departmentKar() takes the one *.kar in " + target.toAbsolutePath()
                    + ", found " + kars + ": run the tests after package (mvn verify), or name the file");
        }
        return departmentKar(kars.get(0));
    }

    /** {@code kar} dropped into {@code deploy/} before the distribution boots. */
    public static Option departmentKar(Path kar) {
        if (!Files.isRegularFile(kar)) {
            throw new IllegalStateException("no KAR at " + kar.toAbsolutePath());
        }
        // The distribution boots Karaf's kar deployer: the KAR installs at boot as in a hospital's deploy/.
        return replaceConfigurationFile("deploy/" + kar.getFileName(), kar.toFile());
    }

    /**
     * A features repository by URL (e.g. {@code mvn:com.acme/physio/1.0.0/xml/features} of an installed artifact) and
     * the features of it to boot; the container also reads the local repository of this build.
     */
    public static Option featuresRepository(String url, String... featureNames) {
        return composite(buildRepository(), KarafDistributionOption.features(url, featureNames));
    }

    /**
     * The local Maven repository of this build (system property {@code org.ops4j.pax.url.mvn.localRepository}, as
     * the department parent's failsafe sets it) among the container's default repositories, so {@code mvn:} URLs of
     * artifacts this build installed resolve there. Without the property: no option.
     */
    public static Option buildRepository() {
        String local = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "").trim();
        if (local.isEmpty()) {
            return composite();
        }
        return editConfigurationFileExtend("etc/org.ops4j.pax.url.mvn.cfg",
                "org.ops4j.pax.url.mvn.defaultRepositories",
                "," + Paths.get(local).toUri() + "@id=pavilion.build.repository@snapshots");
    }

    /**
     * This library as a bundle in the container, where the test classes (the probe) extend and call it: the jar
     * the tests run with, or, from a folder of classes (an IDE), the installed artifact.
     */
    static Option testSupportBundle() {
        Path location;
        try {
            location = Paths.get(PavilionTestSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(location)) {
            return bundle(location.toUri().toString());
        }
        return composite(buildRepository(),
                mavenBundle("org.pavilion", "pavilion-test-support", PLATFORM_VERSION));
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
    public static String baseUrl() {
        String port = System.getProperty(HTTP_PORT_PROPERTY);
        if (port == null) {
            throw new IllegalStateException(HTTP_PORT_PROPERTY + " is not set: not running in a Pavilion test container");
        }
        return "http://localhost:" + port;
    }

    public static Path karafData() {
        return Paths.get(System.getProperty("karaf.data", "data"));
    }

    /**
     * Waits (bounded) until GET /api/v1/platform/health answers 200 and every path of {@link #publishedEndpoints()}
     * answers 401, and returns the health answer.
     */
    public static Http.Response awaitHealthy() throws InterruptedException {
        Http anonymous = Http.anonymous(baseUrl());
        Http.Response health = Await.value("GET /api/v1/platform/health answers 200", BOOT_BOUND, () -> {
            Http.Response r = anonymous.get("/api/v1/platform/health");
            if (r.status != 200) {
                throw new AssertionError(r.toString());
            }
            return r;
        });
        // Health is UP once the core is; departments publish their endpoints a moment later.
        List<String> endpoints = List.of(System.getProperty(ENDPOINTS_PROPERTY, "").split(","));
        Await.until("every department's REST endpoint is published", BOOT_BOUND, () -> {
            for (String path : endpoints) {
                if (path.isBlank()) {
                    continue;
                }
                int status = anonymous.get(path).status;
                if (status != 401) {
                    throw new AssertionError(path + " answers " + status + ", not yet 401");
                }
            }
        });
        return health;
    }

    /**
     * The password pavilion-core generated for {@code admin} on first start, from
     * {@code ${karaf.data}/pavilion/initial-admin-password} (waits, bounded, for the file). It signs in once only: the
     * first sign-in must replace it, which deletes the file; use {@link #adminPassword()} to sign in.
     */
    public static String initialAdminPassword() throws InterruptedException {
        Path file = initialAdminPasswordFile();
        return Await.value("the core writes " + file, BOOT_BOUND, () -> {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).trim();
            return password.isEmpty() ? null : password;
        });
    }

    public static Path initialAdminPasswordFile() {
        return karafData().resolve("pavilion/initial-admin-password");
    }

    /**
     * What a test class looks at during admin's first sign-in, while the generated password still waits for its
     * replacement and right after the change: the platform refuses most calls in between, and only that one moment
     * of a container shows it. Named answers, in the order made.
     */
    public interface FirstSignInChecks {
        /** Requests with the session whose password must still be changed. */
        Map<String, Http.Response> whileChangePending(Http admin) throws Exception;

        /** Requests with the same session after the change. */
        Map<String, Http.Response> afterChange(Http admin) throws Exception;
    }

    private static FirstSignInChecks firstSignInChecks;

    /**
     * The checks the first sign-in makes; register them in a static initializer, as the sign-in happens once per
     * container, in whichever test comes first.
     */
    protected static synchronized void checkDuringFirstSignIn(FirstSignInChecks checks) {
        firstSignInChecks = checks;
    }

    /** What the first sign-in of admin in this container saw, before and after it replaced the initial password. */
    public record FirstSignIn(String initialPassword, JsonNode login, Http.Response me,
            Map<String, Http.Response> whileChangePending, Http.Response change, Map<String, Http.Response> afterChange) {
    }

    private static FirstSignIn firstSignIn;

    /**
     * The first sign-in of admin in this container, done once whichever test comes first: with the generated password,
     * which the platform asks to replace before anything else; it is changed to {@link Http#ADMIN_TEST_PASSWORD}.
     */
    public static synchronized FirstSignIn firstSignIn() throws Exception {
        if (firstSignIn != null) {
            return firstSignIn;
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
        Map<String, Http.Response> pending = firstSignInChecks == null ? Map.of()
                : new LinkedHashMap<>(firstSignInChecks.whileChangePending(admin));
        Http.Response change = admin.post("/api/v1/auth/password", obj().put("currentPassword", initial)
                .put("newPassword", Http.ADMIN_TEST_PASSWORD));
        if (change.status != 204) {
            throw new AssertionError("admin's change of the initial password refused: " + change);
        }
        Map<String, Http.Response> after = firstSignInChecks == null ? Map.of()
                : new LinkedHashMap<>(firstSignInChecks.afterChange(admin));
        firstSignIn = new FirstSignIn(initial, login.json(), me, pending, change, after);
        return firstSignIn;
    }

    /** The administrator's password from now on: {@link Http#ADMIN_TEST_PASSWORD}, after the first sign-in chose it. */
    public static String adminPassword() throws Exception {
        firstSignIn();
        return Http.ADMIN_TEST_PASSWORD;
    }

    /**
     * Logs in as the administrator once the platform is healthy (the first time, replacing the initial password). The
     * login resource may be published a moment after the health resource, so the login is retried (bounded).
     */
    public static Http loginAsAdmin() throws Exception {
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

    // ---- helpers department tests share ----

    /** The system property carrying the HL7 listener's port: a free one in every container, never the shipped 2575. */
    public static final String HL7_PORT_PROPERTY = "pavilion.itest.hl7.port";

    /** The hub's default MLLP listener's configuration. */
    public static final String HL7_LISTENER_CFG = "etc/org.pavilion.hl7.listener-default.cfg";

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
    public static String segment(String ack, String id) {
        for (String s : ack.split("\r")) {
            if (s.startsWith(id + "|")) {
                return s;
            }
        }
        return "";
    }

    /** Field {@code n} of a segment's text, empty when absent. */
    public static String field(String segment, int n) {
        String[] f = segment.split("\\|", -1);
        return n < f.length ? f[n] : "";
    }

    /** MSA-1 of an ACK: AA, AE or AR. */
    public static String msa1(String ack) {
        return field(segment(ack, "MSA"), 1);
    }

    /** A user with one seeded role, and for a patient's own account its patient id; signed in. */
    public static Http createUser(Http admin, String username, String role, String patientId) throws Exception {
        ObjectNode user = obj().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        if (patientId != null) {
            user.put("patientId", patientId);
        }
        created(admin.post("/api/v1/platform/users", user));
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    /** Registers a patient at the EMR's desk and returns the new MRN. */
    public static String registerPatient(Http clerk, String given, String family, String sex, String birthDate)
            throws Exception {
        return created(clerk.post("/api/v1/emr/patients", obj().put("givenName", given).put("familyName", family)
                .put("sex", sex).put("birthDate", birthDate))).path("mrn").asText();
    }

    public static JsonNode ok(Http.Response r) throws Exception {
        assertEquals(r.toString(), 200, r.status);
        return r.json();
    }

    public static JsonNode created(Http.Response r) throws Exception {
        assertEquals(r.toString(), 201, r.status);
        return r.json();
    }

    /** A problem+json answer with {@code status} and a detail saying what was wrong; returns the problem. */
    public static JsonNode problem(int status, Http.Response r) throws Exception {
        assertEquals(r.toString(), status, r.status);
        assertTrue(r.toString(), r.contentType != null && r.contentType.contains("problem+json"));
        assertFalse(r.toString(), r.json().path("detail").asText().isEmpty());
        return r.json();
    }

    public static ObjectNode obj() {
        return Http.json().createObjectNode();
    }

}
