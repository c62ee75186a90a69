package org.pavilion.itest.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * The vendor kit's proof (issue #27): a department generated from {@code pavilion-department-archetype}, offline from
 * the local repository, builds with no edit and passes its own tests (unit tests on its change log and its Pax Exam
 * test in the real distribution); then its KAR, dropped into {@code deploy/} of a running hospital, serves its REST
 * path to a signed-in user and its privileges are in the catalogue. The hospital boots while the department builds.
 */
public class DepartmentArchetypeIT {

    private static final Duration BOOT = PavilionTestSupport.BOOT_BOUND;
    /** Generating is seconds; building includes a container boot of the department's own test. */
    private static final Duration GENERATE_BOUND = Duration.ofMinutes(3);
    private static final Duration BUILD_BOUND = BOOT.plusMinutes(6);
    private static final String DEPARTMENT = "physio";

    @Test
    public void aGeneratedDepartmentBuildsPassesItsTestsAndServesOnceDeployed() throws Exception {
        Path work = Paths.get("target", "archetype-run-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(work);
        try (DistributionProcess hospital = DistributionProcess.unpack("archetype")) {
            long t0 = System.nanoTime();
            hospital.start();

            maven(work, GENERATE_BOUND, "generate", "org.apache.maven.plugins:maven-archetype-plugin:"
                    + System.getProperty("pavilion.itest.archetype.plugin.version", "3.2.1") + ":generate",
                    "-DarchetypeCatalog=local", "-DarchetypeGroupId=org.pavilion",
                    "-DarchetypeArtifactId=pavilion-department-archetype",
                    "-DarchetypeVersion=" + System.getProperty("pavilion.itest.project.version"),
                    "-DgroupId=com.example.physio", "-DartifactId=physio-department", "-Dversion=1.0.0-SNAPSHOT",
                    "-Dpackage=com.example.physio", "-DdepartmentName=" + DEPARTMENT,
                    "-DdepartmentTitle=Physiotherapy");
            long generated = System.nanoTime();
            Path project = work.resolve("physio-department");

            // verify, not install: the department's tests run, nothing of it lands in the local repository.
            maven(project, BUILD_BOUND, "build", "verify", "-Dpavilion.itest.db=h2",
                    "-Dpavilion.itest.bootMinutes=" + BOOT.toMinutes());
            long built = System.nanoTime();
            Path kar = theKar(project.resolve("target"));
            assertTrue("the department's own tests ran: " + project.resolve("target/failsafe-reports"),
                    Files.isDirectory(project.resolve("target/failsafe-reports"))
                            && Files.isDirectory(project.resolve("target/surefire-reports")));

            hospital.awaitHealthy(BOOT);
            String password = hospital.adminPassword();
            Http admin = Await.value("admin signs in", BOOT, () -> Http.login(hospital.baseUrl(), "admin", password));
            long deployAt = System.nanoTime();
            // Copied beside deploy/ first, then moved in at once: the deployer never sees half a file.
            Path staged = Files.copy(kar, hospital.home().resolve(kar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, hospital.home().resolve("deploy").resolve(kar.getFileName()),
                    StandardCopyOption.ATOMIC_MOVE);

            String referrals = "/api/v1/" + DEPARTMENT + "/referrals";
            // Serving means its list page, not any 200: once, a 200 without body or content type answered both a GET
            // and the POST below a few ms after the endpoint was published (cause not found; #27's closing note).
            Http.Response list = Await.value(referrals + " answers its list to the administrator", BOOT, () -> {
                Http.Response r = admin.get(referrals);
                return r.status == 200 && !r.body.isBlank() && r.json().has("items") ? r : null;
            });
            long serving = System.nanoTime();
            assertEquals(0, list.json().path("total").asInt());
            Http.Response created = admin.post(referrals, Http.json().createObjectNode().put("patientId", "0000004269")
                    .put("reason", "Knee rehabilitation after surgery").put("referredBy", "Dr Okafor"));
            assertEquals(created.toString(), 201, created.status);

            JsonNode privileges = admin.get("/api/v1/platform/privileges").json();
            for (String name : List.of(DEPARTMENT + ".referral.open", DEPARTMENT + ".referral.view")) {
                assertTrue(name + " available in " + privileges, find(privileges, name).path("available").asBoolean());
            }
            System.out.printf("department archetype: generate %d s, build with its tests %d s, KAR deploy to serving"
                    + " %d ms, total %d s%n", TimeUnit.NANOSECONDS.toSeconds(generated - t0),
                    TimeUnit.NANOSECONDS.toSeconds(built - generated), TimeUnit.NANOSECONDS.toMillis(serving - deployAt),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
        }
    }

    /**
     * Runs Maven in {@code dir} with the local repository of this build, offline; fails with the end
     * of its output when it fails or overruns {@code bound}. The output is kept in {@code <dir>/../<name>.log}.
     */
    private static void maven(Path dir, Duration bound, String name, String... args) throws Exception {
        String home = System.getProperty("pavilion.itest.maven.home");
        String mvn = home == null || home.isBlank() ? "mvn" : Paths.get(home, "bin", "mvn").toString();
        // Offline: this build has brought every plugin and artifact the department needs into its local repository.
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-o",
                "-Dmaven.repo.local=" + System.getProperty("org.ops4j.pax.url.mvn.localRepository")));
        command.addAll(List.of(args));
        Path log = dir.getParent().resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("mvn " + name + " did not finish within " + bound + ":\n" + tail(log));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertEquals("mvn " + name + " failed (" + String.join(" ", command) + "):\n" + tail(log), 0, p.exitValue());
    }

    private static String tail(Path log) {
        return PavilionTestSupport.tail(log, 80);
    }

    private static Path theKar(Path target) throws IOException {
        List<Path> kars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target, "*.kar")) {
            files.forEach(kars::add);
        }
        assertEquals("one KAR in " + target + File.separator, 1, kars.size());
        return kars.get(0);
    }

    private static JsonNode find(JsonNode privileges, String name) {
        for (JsonNode p : privileges) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError("no privilege " + name + " in " + privileges);
    }
}
