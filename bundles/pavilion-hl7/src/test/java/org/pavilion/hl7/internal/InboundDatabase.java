package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * An in-memory H2 with hl7_message from the bundle's real change log (core's {@link ChangeLogDatabase}), and a gate
 * that can hold the group committer at its next transaction, so a test decides what lands in one batch.
 */
public final class InboundDatabase extends ChangeLogDatabase {

    private final AtomicBoolean holding = new AtomicBoolean();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);

    public InboundDatabase() throws Exception {
        super("hl7_inbound", "db/hl7-changelog.xml", false);
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
        return super.getConnection();
    }
}
