package org.pavilion.hl7.internal.outbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Before;
import org.junit.Test;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** The monitor's view of the queues on H2 with the real change log: each feed with its counts per status. */
public class OutboundQueuesTest {

    static {
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
    }

    private static final long T0 = 1_770_000_000_000L;
    private OutboundStore store;

    @Before
    public void database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:hl7-queues-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/hl7-changelog.xml", new ClassLoaderResourceAccessor(), db).update(new Contexts(),
                    new LabelExpression());
        }
        store = new OutboundStore(ds);
    }

    private long queue(String feed, String mrn, long occurredMs) {
        String control = "C" + UUID.randomUUID().toString().substring(0, 8);
        AdtBuilder.Built built = new AdtBuilder.Built("ADT^A04", control, "2.5.1", mrn, null,
                "MSH|^~\\&|PAVILION|H|WARD|H|20260302||ADT^A04|" + control + "|P|2.5.1\rPID|||" + mrn + "\r");
        assertTrue(store.enqueue(feed, UUID.randomUUID().toString(), "PatientRegistered", occurredMs, built, null,
                occurredMs));
        return store.list(feed, null, 0, 1).get(0).id;
    }

    @Test
    public void noRowsNoQueues() {
        assertTrue(store.queues().isEmpty());
    }

    @Test
    public void eachFeedWithItsCountsPerStatus() {
        long a1 = queue("lab", "M1", T0);
        queue("lab", "M2", T0 + 1000);
        long a3 = queue("lab", "M3", T0 + 2000);
        long b1 = queue("ward", "M4", T0 + 500);
        store.sent(a1, "AA", "MSA|AA", T0 + 5000);
        store.attemptFailed(a3, "AE", "MSA|AE", "ward says AE", true, T0 + 6000, T0 + 6000);
        store.attemptFailed(b1, null, null, "Connection refused", false, T0 + 9000, T0 + 7000);

        List<QueueSummary> queues = store.queues();
        assertEquals(2, queues.size());
        QueueSummary lab = queues.get(0);
        assertEquals("lab", lab.feed);
        assertEquals(1, lab.pending);
        assertEquals(1, lab.sent);
        assertEquals(1, lab.failed);
        assertEquals(Long.valueOf(T0 + 1000), lab.oldestPendingMs);
        assertEquals(Long.valueOf(T0 + 5000), lab.lastSentMs);

        QueueSummary ward = queues.get(1);
        assertEquals("ward", ward.feed);
        assertEquals(1, ward.pending);
        assertEquals(0, ward.sent);
        assertEquals(0, ward.failed);
        assertEquals(Long.valueOf(T0 + 500), ward.oldestPendingMs);
        assertNull(ward.lastSentMs);
    }
}
