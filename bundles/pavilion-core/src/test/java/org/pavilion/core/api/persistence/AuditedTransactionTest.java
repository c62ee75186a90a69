package org.pavilion.core.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

import javax.persistence.PersistenceException;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.internal.CoreTestDatabase;

/**
 * A ward clerk assigns beds: each assignment and its audit record are there together or not at all, whether the work
 * or the writing of the audit record fails (the rule a crash between two commits would break).
 */
public class AuditedTransactionTest {

    private CoreTestDatabase db;
    private JpaTransactions jpa;

    /** Writes each record as a row on the change's own connection, as the platform's audit trail does. */
    private final AuditService trail = new AuditService() {
        @Override
        public void record(AuditEvent event) {
            throw new AssertionError("a change's audit record is written with the change, not on its own");
        }

        @Override
        public <T> T recordAllCommittingWith(Connection transaction, List<AuditEvent> events, Callable<T> commit)
                throws Exception {
            for (AuditEvent e : events) {
                try (PreparedStatement ps = transaction.prepareStatement(
                        "INSERT INTO ward_audit (action, resource_id) VALUES (?, ?)")) {
                    ps.setString(1, e.action());
                    ps.setString(2, e.resourceId());
                    ps.executeUpdate();
                }
            }
            return commit.call();
        }
    };

    /** An audit trail whose table is gone: writing the record fails after the change was made. */
    private final AuditService brokenTrail = new AuditService() {
        @Override
        public void record(AuditEvent event) {
            throw new AssertionError("not used");
        }

        @Override
        public <T> T recordAllCommittingWith(Connection transaction, List<AuditEvent> events, Callable<T> commit)
                throws Exception {
            try (PreparedStatement ps = transaction.prepareStatement("INSERT INTO no_such_audit_table VALUES (1)")) {
                ps.executeUpdate();
            }
            return commit.call();
        }
    };

    @Before
    public void open() throws Exception {
        db = new CoreTestDatabase(false);
        db.execute("CREATE TABLE ward_bed (bed VARCHAR(16) PRIMARY KEY, patient VARCHAR(16))");
        db.execute("CREATE TABLE ward_audit (action VARCHAR(16), resource_id VARCHAR(16))");
        jpa = new JpaTransactions(db.emf);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    private static AuditEvent assigned(String bed) {
        return AuditEvent.of("UPDATE", "bed").resourceId(bed).build();
    }

    private void assign(AuditService audit, String bed, String patient) {
        jpa.runAudited(audit, assigned(bed), em -> em.createNativeQuery("INSERT INTO ward_bed VALUES (?1, ?2)")
                .setParameter(1, bed).setParameter(2, patient).executeUpdate());
    }

    private int count(String sql) throws SQLException {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    public void anAssignmentCommitsWithItsAuditRecord() throws Exception {
        assign(trail, "B-101", "MRN-1");
        String patient = jpa.callAudited(trail, em -> (String) em.createNativeQuery(
                "SELECT patient FROM ward_bed WHERE bed = 'B-101'").getSingleResult(), p -> assigned("B-101"));
        assertEquals("MRN-1", patient);
        assertEquals(1, count("SELECT COUNT(*) FROM ward_bed"));
        assertEquals(2, count("SELECT COUNT(*) FROM ward_audit WHERE resource_id = 'B-101'"));
    }

    @Test
    public void anAuditRecordThatCannotBeWrittenTakesTheAssignmentWithIt() throws Exception {
        assertThrows(PersistenceException.class, () -> assign(brokenTrail, "B-102", "MRN-2"));
        assertEquals(0, count("SELECT COUNT(*) FROM ward_bed"));
        assign(trail, "B-102", "MRN-2");
        assertEquals(1, count("SELECT COUNT(*) FROM ward_bed"));
    }

    @Test
    public void aFailedAssignmentLeavesNoAuditRecord() throws Exception {
        assign(trail, "B-103", "MRN-3");
        assertThrows(PersistenceException.class, () -> assign(trail, "B-103", "MRN-4")); // the bed is taken
        assertEquals(1, count("SELECT COUNT(*) FROM ward_audit"));
        assertEquals(0, count("SELECT COUNT(*) FROM ward_bed WHERE patient = 'MRN-4'"));
    }
}
