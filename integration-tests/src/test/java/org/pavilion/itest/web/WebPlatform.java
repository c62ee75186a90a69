package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Assume;
import org.pavilion.itest.PavilionTestSupport;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.process.DistributionProcess;

/**
 * The one running distribution every browser test of this JVM shares: unpacked and started on first use, stopped
 * when the test JVM exits. One boot for the whole web suite keeps it inside its time budget on 2 cores.
 *
 * <p>It boots what {@code pavilion-all} boots except the reference department ({@code pavilion-example} and its
 * subscriber), so the hot-deploy journey starts from a container without it. Browser journeys do not depend on the
 * database: H2 only (the PostgreSQL run of failsafe skips them).
 */
public final class WebPlatform {

    static final Duration BOOT = PavilionTestSupport.BOOT_BOUND;
    /** Features left out of the boot so {@link DepartmentHotDeployIT} can install them at runtime. */
    static final Set<String> NOT_BOOTED = Set.of("pavilion-example", "pavilion-example-subscriber");

    /**
     * For working on the tests: the folder of an installation a previous run left running (see {@link #KEEP}); the
     * tests then use it instead of booting one (its users and patients from earlier runs stay).
     */
    static final String ATTACH = "pavilion.itest.web.home";
    /** For working on the tests: leave the booted installation running when the test JVM exits. */
    static final String KEEP = "pavilion.itest.web.keep";

    private static WebPlatform shared;

    /** Null when attached to an installation this JVM did not start. */
    private final DistributionProcess pavilion;
    private final String baseUrl;
    private final Http admin;
    private final String adminPassword;
    private final KarafFeatures features;

    private WebPlatform(DistributionProcess pavilion, String baseUrl, Http admin, String adminPassword,
            KarafFeatures features) {
        this.pavilion = pavilion;
        this.baseUrl = baseUrl;
        this.admin = admin;
        this.adminPassword = adminPassword;
        this.features = features;
    }

    /** The shared platform, booted on the first call; skips the calling test on a database run other than H2. */
    public static synchronized WebPlatform get() throws Exception {
        Assume.assumeTrue("browser journeys run on the embedded database only",
                "h2".equals(System.getProperty("pavilion.itest.db", "h2")));
        if (shared == null) {
            String home = System.getProperty(ATTACH);
            shared = home == null || home.isBlank() ? boot() : attach(Path.of(home));
        }
        return shared;
    }

    private static WebPlatform boot() throws Exception {
        DistributionProcess pavilion = DistributionProcess.unpack("web");
        try {
            bootWithout(pavilion.home(), NOT_BOOTED);
            KarafFeatures features = KarafFeatures.prepare(pavilion);
            long start = System.nanoTime();
            pavilion.start();
            pavilion.awaitHealthy(BOOT);
            String password = pavilion.adminPassword();
            // The login resource may be published a moment after the health resource answers UP.
            Http admin = Await.value("admin signs in", BOOT, () -> Http.login(pavilion.baseUrl(), "admin", password));
            // The shell's files are served once pavilion-web is up, which can be a moment after the REST API.
            Await.until("the web shell answers at /", BOOT, () -> {
                Http.Response r = Http.anonymous(pavilion.baseUrl()).get("/");
                assertEquals(r.toString(), 200, r.status);
            });
            // Health answers UP while the departments may still be starting: wait for the EMR's pages.
            Await.until("the EMR's pages in the UI manifest", BOOT, () -> {
                Http.Response r = admin.get("/api/v1/ui/manifest");
                assertEquals(r.toString(), 200, r.status);
                if (!r.body.contains("\"/patients\"")) {
                    throw new AssertionError("no /patients page yet: " + r.body);
                }
            });
            // The pages can be in the manifest a moment before the departments' REST resources are published.
            Await.until("the departments' REST resources", BOOT, () -> {
                for (String path : List.of("/api/v1/emr/patients?size=1", "/api/v1/scheduling/services",
                        "/api/v1/lab/tests/K", "/api/v1/pharmacy/stores", "/api/v1/billing/tax-categories",
                        "/api/v1/notifications/events")) {
                    Http.Response r = admin.get(path);
                    if (r.status == 404 || r.status == 503) {
                        throw new AssertionError(path + " not published yet: " + r);
                    }
                }
            });
            System.out.printf("[web] distribution up in %d ms at %s%n", (System.nanoTime() - start) / 1_000_000,
                    pavilion.baseUrl());
            WebPlatform platform = new WebPlatform(pavilion, pavilion.baseUrl(), admin, password, features);
            if (Boolean.getBoolean(KEEP)) {
                System.out.println("[web] left running: -D" + ATTACH + "=" + pavilion.home());
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(platform::stopQuietly, "pavilion-web-stop"));
            }
            return platform;
        } catch (Exception | AssertionError e) {
            pavilion.close();
            throw e;
        }
    }

    private static WebPlatform attach(Path home) throws Exception {
        java.util.Properties web = new java.util.Properties();
        try (var in = Files.newInputStream(home.resolve("etc/org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        String base = "http://127.0.0.1:" + web.getProperty("org.osgi.service.http.port").trim();
        // A platform left running has usually replaced the generated password already (its file is gone then).
        Path initial = home.resolve("data/pavilion/initial-admin-password");
        Http admin = Files.isRegularFile(initial)
                ? Http.firstAdminSignIn(base, Files.readString(initial).trim())
                : Http.login(base, "admin", Http.ADMIN_TEST_PASSWORD);
        return new WebPlatform(null, base, admin, Http.ADMIN_TEST_PASSWORD, KarafFeatures.attach(home));
    }

    /**
     * Rewrites etc/org.apache.karaf.features.cfg: {@code pavilion-all} in featuresBoot becomes its member features
     * (read from the distribution's own features XML, so a feature added to it later boots too) minus {@code skip}.
     */
    public static void bootWithout(Path home, Set<String> skip) throws Exception {
        Path cfg = home.resolve("etc/org.apache.karaf.features.cfg");
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        Matcher all = Pattern.compile("pavilion-all(/[^,\\s\\\\]+)?").matcher(text);
        if (!all.find()) {
            throw new IllegalStateException("featuresBoot of " + cfg + " names no pavilion-all:\n" + text);
        }
        List<String> members = new ArrayList<>();
        for (String f : pavilionAllMembers(home)) {
            if (!skip.contains(f)) {
                members.add(f);
            }
        }
        Files.writeString(cfg, text.substring(0, all.start()) + String.join(", ", members) + text.substring(all.end()),
                StandardCharsets.UTF_8);
    }

    private static List<String> pavilionAllMembers(Path home) throws Exception {
        Path xml;
        try (var files = Files.walk(home.resolve("system/org/pavilion/pavilion-features"))) {
            xml = files.filter(p -> p.getFileName().toString().endsWith("-features.xml")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pavilion features XML under " + home));
        }
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        // From pavilion-all's opening tag to the next feature's (or the end): its member features.
        Matcher start = Pattern.compile("<feature\\s+name=\"pavilion-all\"[^>]*>").matcher(text);
        if (!start.find()) {
            throw new IllegalStateException("no pavilion-all feature in " + xml);
        }
        Matcher next = Pattern.compile("<feature\\s+name=|</features>").matcher(text);
        String body = text.substring(start.end(), next.find(start.end()) ? next.start() : text.length());
        List<String> members = new ArrayList<>();
        Matcher m = Pattern.compile("<feature\\b[^>]*>\\s*([A-Za-z0-9._-]+)\\s*</feature>").matcher(body);
        while (m.find()) {
            members.add(m.group(1));
        }
        return members;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Http admin() {
        return admin;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public KarafFeatures features() {
        return features;
    }

    /** Creates a platform user with one role (and, for a patient account, its MRN); returns its password. */
    public String createUser(String username, String role, String patientId) throws Exception {
        String password = username + "-Pw-2026!";
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", password);
        user.putArray("roles").add(role);
        if (patientId != null) {
            user.put("patientId", patientId);
        }
        Http.Response r = admin.post("/api/v1/platform/users", user);
        if (r.status == 409 && pavilion == null) {
            // Attached to a kept installation: the account is there from an earlier run; point it at this patient.
            ObjectNode roles = Http.json().createObjectNode();
            roles.putArray("roles").add(role);
            roles.put("patientId", patientId);
            r = admin.put("/api/v1/platform/users/" + username + "/roles", roles);
            assertEquals(r.toString(), 200, r.status);
            return password;
        }
        assertEquals(r.toString(), 201, r.status);
        return password;
    }

    /** Registers a patient over REST (as admin, duplicates confirmed) and returns its MRN. */
    public String registerPatient(String given, String family, String birthDate, String sex) throws Exception {
        ObjectNode body = Http.json().createObjectNode().put("givenName", given).put("familyName", family)
                .put("birthDate", birthDate).put("sex", sex);
        Http.Response r = admin.post("/api/v1/emr/patients?confirmDuplicate=true", body);
        assertEquals(r.toString(), 201, r.status);
        return r.json().path("mrn").asText();
    }

    /** The MRNs of the patients with exactly this family name and birth date, found over REST. */
    public List<String> mrnsOf(String family, String birthDate) throws Exception {
        Http.Response r = admin.get("/api/v1/emr/patients?name=" + family + "&birthDate=" + birthDate + "&size=50");
        assertEquals(r.toString(), 200, r.status);
        List<String> mrns = new ArrayList<>();
        for (JsonNode p : r.json().path("items")) {
            if (family.equalsIgnoreCase(p.path("familyName").asText())) {
                mrns.add(p.path("mrn").asText());
            }
        }
        return mrns;
    }

    private void stopQuietly() {
        try {
            pavilion.close();
        } catch (Exception e) {
            System.err.println("[web] stopping the distribution: " + e);
        }
    }
}
