package org.pavilion.scheduling.internal.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;

import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * {@code sched_exception} in plain JDBC on the caller's transaction. Its column {@code day} is a reserved word of H2
 * 2.x: Liquibase created it quoted ("DAY" on H2, day on PostgreSQL) and OpenJPA's H2 dictionary maps the entity's
 * field to a column DAY0 that does not exist, so {@link ExceptionEntity} cannot be queried on H2. The column is
 * quoted here in the case the database stores identifiers in.
 */
final class ExceptionRows {

    private ExceptionRows() {
    }

    /** The doctor's exceptions ordered by day, or everyone's when doctorId is null. */
    static List<ExceptionEntity> list(EntityManager em, String doctorId) {
        try (Connection c = JpaTransactions.connection(em)) {
            String day = dayColumn(c);
            String sql = "SELECT id, doctor_id, " + day + ", kind, start_minute, end_minute, location, reason"
                    + " FROM sched_exception" + (doctorId == null ? "" : " WHERE doctor_id = ?") + " ORDER BY " + day
                    + ", id";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                if (doctorId != null) {
                    q.setString(1, doctorId);
                }
                List<ExceptionEntity> rows = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ExceptionEntity e = new ExceptionEntity();
                        e.setId(rs.getString(1));
                        e.setDoctorId(rs.getString(2));
                        e.setDay(rs.getString(3));
                        e.setKind(rs.getString(4));
                        int start = rs.getInt(5);
                        e.setStartMinute(rs.wasNull() ? null : start);
                        int end = rs.getInt(6);
                        e.setEndMinute(rs.wasNull() ? null : end);
                        e.setLocation(rs.getString(7));
                        e.setReason(rs.getString(8));
                        rows.add(e);
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read schedule exceptions", e);
        }
    }

    static void insert(EntityManager em, ExceptionEntity e) {
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement insert = c.prepareStatement("INSERT INTO sched_exception (id, doctor_id, "
                        + dayColumn(c) + ", kind, start_minute, end_minute, location, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, e.getId());
            insert.setString(2, e.getDoctorId());
            insert.setString(3, e.getDay());
            insert.setString(4, e.getKind());
            setInt(insert, 5, e.getStartMinute());
            setInt(insert, 6, e.getEndMinute());
            insert.setString(7, e.getLocation());
            insert.setString(8, e.getReason());
            insert.executeUpdate();
        } catch (SQLException x) {
            throw new IllegalStateException("Could not store a schedule exception", x);
        }
    }

    /** Deletes the doctor's exception; false when the doctor has none with that id. */
    static boolean delete(EntityManager em, String doctorId, String id) {
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM sched_exception WHERE id = ? AND doctor_id = ?")) {
            delete.setString(1, id);
            delete.setString(2, doctorId);
            return delete.executeUpdate() == 1;
        } catch (SQLException x) {
            throw new IllegalStateException("Could not delete a schedule exception", x);
        }
    }

    private static void setInt(PreparedStatement p, int i, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setInt(i, value);
        }
    }

    private static String dayColumn(Connection c) throws SQLException {
        return c.getMetaData().storesUpperCaseIdentifiers() ? "\"DAY\"" : "\"day\"";
    }
}
