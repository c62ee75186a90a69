package org.pavilion.itest.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Figures measured by the browser tests, printed and appended to target/web-metrics.txt. Measured, not asserted:
 * a shared 2-core CI machine makes timings a trend to watch, not a gate.
 */
final class WebMetrics {

    private static final Path FILE = Paths.get("target", "web-metrics.txt");

    private WebMetrics() {
    }

    static synchronized void record(String name, String value) throws IOException {
        String line = Instant.now() + "  " + name + " = " + value;
        System.out.println("[web-metrics] " + line);
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
