package org.pavilion.itest.bench.clock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Hashtable;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A benchmark's fixture bundle (never part of the product): registers the {@link Clock} the notifications department
 * takes when one is registered with {@code pavilion.clock=notifications}, the system clock moved by the milliseconds
 * written in {@code ${karaf.data}/bench-clock-offset-ms} (read at most every 100 ms). The benchmark drops it into the
 * distribution's {@code deploy/} and moves time by writing that file, so reminders of appointments days ahead come
 * due at once.
 */
public final class BenchClock extends Clock implements BundleActivator {

    public static final String OFFSET_FILE = "bench-clock-offset-ms";

    private volatile Path offsetFile;
    private volatile long offsetMs;
    private volatile long readAtMs;

    @Override
    public void start(BundleContext context) {
        offsetFile = Path.of(context.getProperty("karaf.data"), OFFSET_FILE);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("pavilion.clock", "notifications");
        context.registerService(Clock.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        long now = System.currentTimeMillis();
        if (now - readAtMs > 100) {
            readAtMs = now;
            try {
                offsetMs = Long.parseLong(Files.readString(offsetFile).trim());
            } catch (IOException | NumberFormatException | NullPointerException none) {
                offsetMs = 0;
            }
        }
        return Instant.ofEpochMilli(now + offsetMs);
    }

    /** Writes this class as a bundle jar to {@code jar} (the benchmark's JVM has it compiled on its class path). */
    public static void writeBundle(Path jar) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.pavilion.itest.bench.clock");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", BenchClock.class.getName());
        a.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"");
        String entry = BenchClock.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m);
                InputStream in = BenchClock.class.getClassLoader().getResourceAsStream(entry)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            out.putNextEntry(new JarEntry(entry));
            out.write(bytes.toByteArray());
            out.closeEntry();
        }
    }

    /** Moves the fixture's clock to {@code offsetMs} ahead of the system clock. */
    public static void setOffset(Path karafData, long offsetMs) throws IOException {
        Path tmp = karafData.resolve(OFFSET_FILE + ".tmp");
        Files.writeString(tmp, Long.toString(offsetMs), StandardCharsets.US_ASCII);
        Files.move(tmp, karafData.resolve(OFFSET_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
