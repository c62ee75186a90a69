package org.pavilion.core.internal.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Test;
import org.pavilion.core.api.schema.SchemaMigrator;

/**
 * The hospital's server restarts after a power cut and Pavilion comes up before its database: the platform's schema
 * cannot be migrated yet. The migrator is not published (nothing may start on an unmigrated schema) and does not give
 * up: once the database answers, the change log runs and the migrator is published, so the platform comes up by
 * itself.
 */
public class LiquibaseSchemaMigratorTest {

    /** The hospital's database, refusing connections while {@code down}. */
    static final class Database implements DataSource {
        final JdbcDataSource h2 = new JdbcDataSource();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();

        Database() {
            h2.setURL("jdbc:h2:mem:migrator-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                refused.incrementAndGet();
                throw new SQLException("Connection refused", "08001");
            }
            return h2.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) { throw new UnsupportedOperationException(); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }

        boolean hasTable(String name) throws SQLException {
            try (Connection c = h2.getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '"
                            + name.toUpperCase() + "'")) {
                r.next();
                return r.getInt(1) == 1;
            }
        }
    }

    private final BlockingQueue<SchemaMigrator> published = new LinkedBlockingQueue<>();
    private final AtomicInteger withdrawn = new AtomicInteger();

    private LiquibaseSchemaMigrator start(Database db) {
        return new LiquibaseSchemaMigrator(db, getClass().getClassLoader(), m -> {
            published.add(m);
            return withdrawn::incrementAndGet;
        }, 20);
    }

    @Test
    public void withTheDatabaseUpTheMigratorIsPublishedBeforeActivationReturns() throws Exception {
        Database db = new Database();
        LiquibaseSchemaMigrator migrator = start(db);
        assertEquals(1, published.size());
        assertTrue(db.hasTable("core_audit"));
        migrator.deactivate();
        assertEquals(1, withdrawn.get());
    }

    @Test
    public void aDatabaseThatIsDownAtStartIsWaitedForAndThePlatformComesUpWhenItAnswers() throws Exception {
        Database db = new Database();
        db.down.set(true);
        LiquibaseSchemaMigrator migrator = start(db);
        assertEquals("nothing starts on an unmigrated schema", 0, published.size());

        // Tried again, backing off, without failing for good.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.refused.get() < 3 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertTrue("retried: " + db.refused.get(), db.refused.get() >= 3);
        assertEquals(0, published.size());

        db.down.set(false);
        assertNotNull("published once the database answers", published.poll(10, TimeUnit.SECONDS));
        assertTrue(db.hasTable("core_audit"));
        Thread.sleep(200);
        assertEquals("published once", 0, published.size());
        migrator.deactivate();
        assertEquals(1, withdrawn.get());
    }

    @Test
    public void stoppedWhileWaitingItStopsTrying() throws Exception {
        Database db = new Database();
        db.down.set(true);
        LiquibaseSchemaMigrator migrator = start(db);
        migrator.deactivate();
        int tries = db.refused.get();
        db.down.set(false);
        Thread.sleep(500);
        assertEquals("no attempt after the stop", tries, db.refused.get());
        assertEquals(0, published.size());
        assertEquals(0, withdrawn.get());
    }
}
