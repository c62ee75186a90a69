package org.pavilion.core.internal.schema;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.framework.Felix;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.pavilion.core.api.health.HealthCheck;
import org.pavilion.core.api.health.HealthContributor;
import org.pavilion.core.api.schema.SchemaMigrator;

/**
 * The schema extender in a real OSGi framework (Felix, as in Karaf): departments start before and after the
 * database is up, a migration fails and is fixed, and a stand-in bundle named like Felix SCR records the bundle events
 * it hears, as SCR would before building a department's components.
 */
public class SchemaExtenderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** The events SCR acts on: it builds components on STARTED (or LAZY_ACTIVATION), disposes them on STOPPING. */
    private static final Set<Integer> HEARD = Set.of(BundleEvent.STARTING, BundleEvent.STARTED, BundleEvent.STOPPING,
            BundleEvent.LAZY_ACTIVATION);

    private Path storage;
    private Framework framework;
    private BundleContext system;
    private SchemaActivator activator;
    private final RecordingMigrator migrator = new RecordingMigrator();
    private final List<String> scrHeard = Collections.synchronizedList(new ArrayList<>());

    @Before
    public void bootFramework() throws Exception {
        storage = Files.createTempDirectory("schema-extender");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = new Felix(config);
        framework.start();
        system = framework.getBundleContext();

        // What SCR would hear: a department's STARTED is when it builds the department's components.
        Bundle scr = system.installBundle("scr", jar(SchemaExtender.SCR_BUNDLE, null));
        scr.start();
        scr.getBundleContext().addBundleListener((SynchronousBundleListener) e -> {
            if (e.getBundle().getSymbolicName().startsWith("org.hospital.") && HEARD.contains(e.getType())) {
                scrHeard.add(e.getBundle().getSymbolicName() + " " + name(e.getType()) + " after "
                        + migrator.calls.size() + " migrations");
            }
        });
    }

    @After
    public void stopFramework() throws Exception {
        if (activator != null) {
            activator.stop(system);
        }
        framework.stop();
        framework.waitForStop(10_000);
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void aWardStartedWithTheDatabaseUpHasItsTablesBeforeScrBuildsItsComponents() throws Exception {
        ServiceRegistration<SchemaMigrator> database = databaseUp();
        startExtender();

        Bundle lab = install("org.hospital.lab", "db/lab-changelog.xml, db/lab-reference-ranges.xml");
        lab.start();

        assertEquals(List.of("org.hospital.lab db/lab-changelog.xml", "org.hospital.lab db/lab-reference-ranges.xml"),
                migrator.calls);
        assertEquals(List.of("org.hospital.lab STARTING after 0 migrations", "org.hospital.lab STARTED after 2 migrations"),
                scrHeard);
        assertHealth(HealthCheck.Status.UP, "");
        database.unregister();
    }

    @Test
    public void departmentsStartedBeforeTheDatabaseAreHeldThenMigratedAndRestartedOnce() throws Exception {
        startExtender();
        Bundle pharmacy = install("org.hospital.pharmacy", "db/pharmacy-changelog.xml");
        Bundle billing = install("org.hospital.billing", "db/billing-changelog.xml");
        pharmacy.start();
        billing.start();

        // Started, but SCR never heard so: none of their components exists, none touches a missing table.
        assertEquals(Bundle.ACTIVE, pharmacy.getState());
        assertEquals(List.of("org.hospital.pharmacy STARTING after 0 migrations",
                "org.hospital.billing STARTING after 0 migrations"), scrHeard);
        assertHealth(HealthCheck.Status.DOWN, "waiting for the database (the platform's schema is not migrated yet): "
                + "org.hospital.pharmacy, org.hospital.billing");

        scrHeard.clear();
        databaseUp();

        await().atMost(PATIENCE).until(() -> scrHeard.size() == 6);
        assertEquals(List.of("org.hospital.pharmacy db/pharmacy-changelog.xml",
                "org.hospital.billing db/billing-changelog.xml"), migrator.calls);
        assertEquals(List.of(
                "org.hospital.pharmacy STOPPING after 1 migrations", "org.hospital.pharmacy STARTING after 1 migrations",
                "org.hospital.pharmacy STARTED after 1 migrations",
                "org.hospital.billing STOPPING after 2 migrations", "org.hospital.billing STARTING after 2 migrations",
                "org.hospital.billing STARTED after 2 migrations"), scrHeard);
        assertEquals(Bundle.ACTIVE, billing.getState());
        assertHealth(HealthCheck.Status.UP, "");
    }

    @Test
    public void aFailedMigrationKeepsTheDepartmentHeldAndDownInHealthUntilTheDatabaseIsFixed() throws Exception {
        migrator.failing.add("org.hospital.telemedicine");
        ServiceRegistration<SchemaMigrator> database = databaseUp();
        startExtender();

        Bundle telemedicine = install("org.hospital.telemedicine", "db/telemedicine-changelog.xml");
        telemedicine.start();
        Bundle lab = install("org.hospital.lab", "db/lab-changelog.xml");
        lab.start();

        assertEquals(Bundle.ACTIVE, telemedicine.getState());
        assertEquals(List.of("org.hospital.telemedicine STARTING after 0 migrations",
                "org.hospital.lab STARTING after 0 migrations", "org.hospital.lab STARTED after 1 migrations"),
                scrHeard);
        assertHealth(HealthCheck.Status.DOWN, "migration failed: org.hospital.telemedicine "
                + "(db/telemedicine-changelog.xml: column telemedicine_room already exists)");

        // The administrator fixes the database; the migrator comes back with the DataSource.
        scrHeard.clear();
        migrator.failing.clear();
        database.unregister();
        databaseUp();

        await().atMost(PATIENCE).until(() -> scrHeard.contains("org.hospital.telemedicine STARTED after 2 migrations"));
        assertEquals(List.of("org.hospital.telemedicine STOPPING after 2 migrations",
                "org.hospital.telemedicine STARTING after 2 migrations",
                "org.hospital.telemedicine STARTED after 2 migrations"), scrHeard);
        assertHealth(HealthCheck.Status.UP, "");
    }

    @Test
    public void aMigrationThatFailedIsTriedAgainUntilTheDatabaseAnswers() throws Exception {
        // The database drops just as the lab starts: its migration fails, nobody restarts anything.
        migrator.failing.add("org.hospital.lab");
        databaseUp();
        activator = new SchemaActivator(50);
        activator.start(system);
        Bundle lab = install("org.hospital.lab", "db/lab-changelog.xml");
        lab.start();
        assertEquals(List.of("org.hospital.lab STARTING after 0 migrations"), scrHeard);
        assertHealth(HealthCheck.Status.DOWN, null);

        // It answers again: the extender's own retry migrates the lab and restarts it, once.
        scrHeard.clear();
        migrator.failing.clear();
        await().atMost(PATIENCE).until(() -> scrHeard.contains("org.hospital.lab STARTED after 1 migrations"));
        assertEquals(List.of("org.hospital.lab STOPPING after 1 migrations",
                "org.hospital.lab STARTING after 1 migrations", "org.hospital.lab STARTED after 1 migrations"),
                scrHeard);
        assertHealth(HealthCheck.Status.UP, "");
        Thread.sleep(300); // several retry periods: nothing more is tried once it worked
        assertEquals(List.of("org.hospital.lab db/lab-changelog.xml"), migrator.calls);
        assertEquals(3, scrHeard.size());
    }

    @Test
    public void aDepartmentStoppedWhileHeldIsForgotten() throws Exception {
        startExtender();
        Bundle lab = install("org.hospital.lab", "db/lab-changelog.xml");
        lab.start();
        assertHealth(HealthCheck.Status.DOWN, "waiting for the database (the platform's schema is not migrated yet): "
                + "org.hospital.lab");

        lab.stop();
        assertHealth(HealthCheck.Status.DOWN, "waiting for the database (the platform's schema is not migrated yet)");
        databaseUp();
        assertHealth(HealthCheck.Status.UP, "");
        // The worker has no held bundle to migrate: nothing happens, for a while.
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> migrator.calls.isEmpty());
        assertEquals(Bundle.RESOLVED, lab.getState());
    }

    @Test
    public void departmentsRunningBeforeTheCoreRestartedAreMigratedWithoutARestart() throws Exception {
        Bundle emr = install("org.hospital.emr", "db/emr-changelog.xml");
        emr.start();
        scrHeard.clear();

        startExtender();
        databaseUp();

        await().atMost(PATIENCE).until(() -> migrator.calls.size() == 1);
        assertEquals(List.of("org.hospital.emr db/emr-changelog.xml"), migrator.calls);
        // A restart would follow the migration at once: none comes.
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> scrHeard.isEmpty());
    }

    @Test
    public void aDepartmentHeldWhenTheCoreStoppedIsStillRestartedByTheNextCore() throws Exception {
        startExtender();
        Bundle scheduling = install("org.hospital.scheduling", "db/scheduling-changelog.xml");
        scheduling.start();
        activator.stop(system); // the core stops before the database came: scheduling runs without components

        scrHeard.clear();
        startExtender();
        databaseUp();

        await().atMost(PATIENCE).until(() -> scrHeard.size() == 3);
        assertEquals(List.of("org.hospital.scheduling STOPPING after 1 migrations",
                "org.hospital.scheduling STARTING after 1 migrations",
                "org.hospital.scheduling STARTED after 1 migrations"), scrHeard);
    }

    @Test
    public void bundlesWithoutAChangeLogAreLeftAlone() throws Exception {
        databaseUp();
        startExtender();
        Bundle portal = system.installBundle("portal", jar("org.hospital.portal", null));
        portal.start();

        assertEquals(List.of("org.hospital.portal STARTING after 0 migrations",
                "org.hospital.portal STARTED after 0 migrations"), scrHeard);
        assertHealth(HealthCheck.Status.UP, "");
    }

    private void startExtender() {
        activator = new SchemaActivator();
        activator.start(system);
    }

    private ServiceRegistration<SchemaMigrator> databaseUp() {
        return system.registerService(SchemaMigrator.class, migrator, null);
    }

    private void assertHealth(HealthCheck.Status status, String detail) {
        HealthContributor schema = system.getService(system.getServiceReference(HealthContributor.class));
        assertEquals("schema", schema.name());
        assertTrue(schema.essential());
        HealthCheck check = schema.check();
        assertEquals(check.getDetail(), status, check.getStatus());
        if (detail != null && !detail.isEmpty()) {
            assertEquals(detail, check.getDetail());
        }
        assertFalse(check.getDetail().isEmpty());
    }

    private Bundle install(String symbolicName, String changeLogs) throws Exception {
        return system.installBundle(symbolicName, jar(symbolicName, changeLogs));
    }

    private static ByteArrayInputStream jar(String symbolicName, String changeLogs) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        if (changeLogs != null) {
            a.putValue(SchemaMigrator.CHANGELOG_HEADER, changeLogs);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.putNextEntry(new JarEntry("db/"));
            out.closeEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static String name(int type) {
        switch (type) {
            case BundleEvent.STARTING: return "STARTING";
            case BundleEvent.STARTED: return "STARTED";
            case BundleEvent.STOPPING: return "STOPPING";
            case BundleEvent.STOPPED: return "STOPPED";
            case BundleEvent.LAZY_ACTIVATION: return "LAZY_ACTIVATION";
            default: return "event " + type;
        }
    }

    /** Records each change log it is asked to run; bundles named in {@code failing} fail like a broken change set. */
    static final class RecordingMigrator implements SchemaMigrator {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Set<String> failing = ConcurrentHashMap.newKeySet();

        @Override
        public void migrate(Bundle bundle, String changeLog) {
            if (failing.contains(bundle.getSymbolicName())) {
                throw new IllegalStateException("column telemedicine_room already exists");
            }
            calls.add(bundle.getSymbolicName() + " " + changeLog);
        }
    }
}
