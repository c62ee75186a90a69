package org.pavilion.example.hl7.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.schema.SchemaChangelog;

/**
 * The expected visits table, in plain JDBC: the handler writes on a connection it commits with the hub's record of
 * the message. The platform runs the change log named here before any component of the bundle starts.
 */
@SchemaChangelog(ExpectedVisits.CHANGELOG)
@Component(service = ExpectedVisits.class)
public class ExpectedVisits {

    static final String CHANGELOG = "db/example-hl7-changelog.xml";

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, appointment, patient_id, visitor_name, ward, expected_at, source, "
            + "recorded_ms";

    private final DataSource dataSource;

    @Activate
    public ExpectedVisits(@Reference(target = "(osgi.jndi.service.name=pavilion)") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Inserts {@code v} on {@code c} (not committed); false, with nothing written, when its appointment is already
     * expected. The statement runs in a savepoint so that on PostgreSQL the transaction stays usable after the
     * unique violation.
     */
    static boolean insert(Connection c, ExpectedVisit v, long nowMs) throws SQLException {
        java.sql.Savepoint before = c.setSavepoint();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO example_expected_visit (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            v.id = UUID.randomUUID().toString();
            s.setString(1, v.id);
            s.setString(2, v.appointment);
            s.setString(3, v.patientId);
            s.setString(4, v.visitorName);
            s.setString(5, v.ward);
            s.setString(6, v.expectedAt);
            s.setString(7, v.source);
            s.setLong(8, nowMs);
            s.executeUpdate();
            v.recordedAt = Instant.ofEpochMilli(nowMs).toString();
            c.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                c.rollback(before);
                return false;
            }
            throw e;
        }
    }

    /** A patient's expected visits (all when {@code patientId} is null), newest first, at most {@code limit}. */
    public List<ExpectedVisit> list(String patientId, int limit) throws SQLException {
        String where = patientId == null ? "" : " WHERE patient_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM example_expected_visit" + where
                        + " ORDER BY recorded_ms DESC, id")) {
            if (patientId != null) {
                s.setString(1, patientId);
            }
            s.setMaxRows(limit);
            List<ExpectedVisit> visits = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ExpectedVisit v = new ExpectedVisit();
                    v.id = rs.getString(1);
                    v.appointment = rs.getString(2);
                    v.patientId = rs.getString(3);
                    v.visitorName = rs.getString(4);
                    v.ward = rs.getString(5);
                    v.expectedAt = rs.getString(6);
                    v.source = rs.getString(7);
                    v.recordedAt = Instant.ofEpochMilli(rs.getLong(8)).toString();
                    visits.add(v);
                }
            }
            return visits;
        }
    }
}
