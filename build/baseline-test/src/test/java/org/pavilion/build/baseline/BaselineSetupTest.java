package org.pavilion.build.baseline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The API baselining set-up of the bundles (parent pom, bundles pom, build/baseline-repo) catches a breaking change.
 * Each case copies the fixture bundle in src/test/fixture, whose parent is the real bundles pom, changes its API
 * and builds it with {@code mvn verify} in a separate Maven, as CI would build a bundle. The fixture's 1.0.0
 * baseline is committed in build/baseline-repo, next to the bundles' own.
 */
public class BaselineSetupTest {

    private static final Path FIXTURE = Paths.get("src/test/fixture");
    private static final Path GREETER = Paths.get("src/main/java/org/pavilion/fixture/api/Greeter.java");
    private static final Path PACKAGE_INFO = Paths.get("src/main/java/org/pavilion/fixture/api/package-info.java");
    private static final String FAREWELL = "    String farewell(String name);\n";

    @Test
    public void removingAMethodOfAProviderTypeWithoutTheMajorBumpFailsTheBuild() throws Exception {
        Path project = fixture("removed-no-bump", "1.1.0-SNAPSHOT");
        removeFarewell(project);

        Build build = mavenVerify(project);

        assertNotEquals("the build must fail:\n" + build.output, 0, build.exitCode);
        // bnd's baseline error: the package had a MAJOR change, is still 1.0.0 as in the baseline, should be 2.0.0
        assertTrue(build.output, build.output.contains("bnd-baseline-maven-plugin:7.1.0:baseline (baseline)"));
        assertTrue(build.output, build.output.contains("Baseline problems detected"));
        assertTrue(build.output, Pattern.compile("\\* org\\.pavilion\\.fixture\\.api +PACKAGE +MAJOR +1\\.0\\.0 +1\\.0\\.0 +2\\.0\\.0")
                .matcher(build.output).find());
        assertTrue(build.output, Pattern.compile("REMOVED +METHOD +farewell\\(java\\.lang\\.String\\)").matcher(build.output).find());
    }

    @Test
    public void theSameChangeWithTheMajorBumpOfPackageAndBundlePasses() throws Exception {
        Path project = fixture("removed-major-bump", "2.0.0-SNAPSHOT");
        removeFarewell(project);
        replace(project.resolve(PACKAGE_INFO), "@Version(\"1.0.0\")", "@Version(\"2.0.0\")");

        Build build = mavenVerify(project);

        assertEquals("the build must pass:\n" + build.output, 0, build.exitCode);
        // Passing because the check ran and agreed, not because it was skipped or found no baseline.
        assertTrue(build.output, build.output.contains("The baseline version was found to be 1.0.0"));
        assertTrue(build.output, build.output.contains("Baseline check succeeded."));
    }

    private static Path fixture(String name, String version) throws IOException {
        Path target = Paths.get("target", "fixtures", name).toAbsolutePath();
        deleteTree(target);
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(FIXTURE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        Path pom = target.resolve("pom.xml");
        replace(pom, "@project.version@", property("pavilion.baseline.project.version"));
        // relative, as Maven takes relativePath (an absolute one would silently fall back to the local repository)
        Path bundlesPom = Paths.get(property("pavilion.baseline.bundles.pom")).toRealPath();
        replace(pom, "@bundles.pom@", target.toRealPath().relativize(bundlesPom).toString());
        replace(pom, "@fixture.version@", version);
        return target;
    }

    private static void removeFarewell(Path project) throws IOException {
        replace(project.resolve(GREETER), FAREWELL, "");
    }

    private static void replace(Path file, String what, String by) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(file + " has no " + what, text.contains(what));
        Files.writeString(file, text.replace(what, by), StandardCharsets.UTF_8);
    }

    private static Build mavenVerify(Path project) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(property("pavilion.baseline.maven.home"), "bin", "mvn").toString());
        command.add("-B");
        if (property("pavilion.baseline.offline").equals("offline=true")) {
            command.add("-o");
        }
        command.add("-Dmaven.repo.local=" + property("pavilion.baseline.local.repo"));
        command.add("verify");
        Path log = project.resolve("build.log");
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the fixture build took over 5 minutes, see " + log);
        }
        return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set: run this test through Maven (see its pom)");
        }
        return value;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(path);
            }
        }
    }

    private static final class Build {
        final int exitCode;
        final String output;

        Build(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
