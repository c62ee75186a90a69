package org.pavilion.hl7.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * An in-memory H2 with hl7_message from the bundle's real change log, and a gate that can hold the group
 * committer at its next transaction, so a test decides what lands in one batch.
 */
public final class InboundDatabase implements DataSource {

    static {
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
    }

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final AtomicBoolean holding = new AtomicBoolean();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);

    public InboundDatabase() throws Exception {
        h2.setURL("jdbc:h2:mem:hl7-inbound-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase(Hl7Hub.CHANGELOG, new ClassLoaderResourceAccessor(), db).update(new Contexts(),
                    new LabelExpression());
        }
    }

    /** The next connection asked for waits until {@link #open()}; returns once a caller is waiting there. */
    void holdNextConnection() {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holding.set(true);
    }

    void awaitHeld() throws InterruptedException {
        held.await();
    }

    void open() {
        release.countDown();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (holding.compareAndSet(true, false)) {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return h2.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
