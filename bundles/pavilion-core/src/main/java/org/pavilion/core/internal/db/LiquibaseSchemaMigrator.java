package org.pavilion.core.internal.db;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.schema.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Liquibase change logs on the platform database. Liquibase is embedded in this bundle; it reads
 * the change log through the calling bundle's class loader and its own plug-ins through ours.
 */
@Component(service = SchemaMigrator.class)
public class LiquibaseSchemaMigrator implements SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseSchemaMigrator.class);
    static final String CORE_CHANGELOG = "db/core-changelog.xml";

    private final DataSource dataSource;
    // One migration at a time inside this container; Liquibase's lock table guards across processes.
    private final ReentrantLock lock = new ReentrantLock();

    @Activate
    public LiquibaseSchemaMigrator(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource,
            BundleContext context) {
        this.dataSource = dataSource;
        migrate(context.getBundle(), CORE_CHANGELOG);
    }

    @Override
    public void migrate(Bundle bundle, String changeLog) {
        ClassLoader bundleLoader = bundle.adapt(BundleWiring.class).getClassLoader();
        migrate(dataSource, bundleLoader, changeLog, bundle.getSymbolicName());
    }

    /** The core's own change log on any DataSource, for tests outside OSGi. */
    public static void migrateForTest(DataSource ds, ClassLoader loader) {
        new LiquibaseSchemaMigrator(ds).migrate(ds, loader, CORE_CHANGELOG, "test");
    }

    private LiquibaseSchemaMigrator(DataSource ds) {
        this.dataSource = ds;
    }

    void migrate(DataSource ds, ClassLoader changeLogLoader, String changeLog, String owner) {
        lock.lock();
        ClassLoader ownLoader = LiquibaseSchemaMigrator.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ownLoader);
        long start = System.nanoTime();
        try (Connection connection = ds.getConnection()) {
            // Liquibase leaves auto-commit off; the pool must get the connection back as it lent it.
            boolean autoCommit = connection.getAutoCommit();
            Scope.child(Map.of(Scope.Attr.classLoader.name(), ownLoader), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Liquibase liquibase = new Liquibase(changeLog, new ClassLoaderResourceAccessor(changeLogLoader), database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
            connection.setAutoCommit(autoCommit);
            LOG.info("Schema of {} is up to date ({} in {} ms)", owner, changeLog, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException("Schema migration " + changeLog + " of " + owner + " failed: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
            lock.unlock();
        }
    }
}
