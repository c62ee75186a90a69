package org.pavilion.emr.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Inserts new patients' rows with one JDBC batch on the transaction's connection, instead of persisting entities
 * OpenJPA then flushes: for a feed's group of registrations, OpenJPA's bookkeeping of the new entities (state
 * managers, flush planning, the commit's pass over them) cost the directory's one commit thread more than the
 * inserts. The entities stay plain objects: a later read in the same transaction ({@code em.find}) loads the row
 * like any other. Rows start at version 1, as OpenJPA's own inserts do.
 */
final class NewPatientRows {

    static final long INITIAL_VERSION = 1;

    static final String INSERT = "INSERT INTO emr_patient (mrn, given_name, family_name, given_name_norm,"
            + " family_name_norm, sex, birth_date, national_id, national_id_norm, email, address_line, address_city,"
            + " address_postal_code, address_country, preferred_language, registered_ms, registered_by, updated_ms,"
            + " updated_by, restricted, merged_into, merged_ms, version, unidentified, birth_date_estimated,"
            + " arrival_note, erased_ms, family_name_phonetic, given_name_phonetic)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private NewPatientRows() {
    }

    /** Writes {@code patients} (not managed by {@code em}) in its transaction; sets their version. */
    static void insert(EntityManager em, List<PatientEntity> patients) {
        if (patients.isEmpty()) {
            return;
        }
        try (Connection c = JpaTransactions.connection(em); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (PatientEntity p : patients) {
                p.setVersion(INITIAL_VERSION);
                bind(ps, p);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("storing " + patients.size() + " new patients failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, PatientEntity p) throws SQLException {
        ps.setString(1, p.getMrn());
        ps.setString(2, p.getGivenName());
        ps.setString(3, p.getFamilyName());
        ps.setString(4, p.getGivenNameNorm());
        ps.setString(5, p.getFamilyNameNorm());
        ps.setString(6, p.getSex());
        ps.setString(7, p.getBirthDate());
        ps.setString(8, p.getNationalId());
        ps.setString(9, p.getNationalIdNorm());
        ps.setString(10, p.getEmail());
        ps.setString(11, p.getAddressLine());
        ps.setString(12, p.getAddressCity());
        ps.setString(13, p.getAddressPostalCode());
        ps.setString(14, p.getAddressCountry());
        ps.setString(15, p.getPreferredLanguage());
        ps.setLong(16, p.getRegisteredMs());
        ps.setString(17, p.getRegisteredBy());
        ps.setLong(18, p.getUpdatedMs());
        ps.setString(19, p.getUpdatedBy());
        ps.setBoolean(20, p.isRestricted());
        ps.setString(21, p.getMergedInto());
        setLong(ps, 22, p.getMergedMs());
        ps.setLong(23, p.getVersion());
        ps.setBoolean(24, p.isUnidentified());
        ps.setBoolean(25, p.isBirthDateEstimated());
        ps.setString(26, p.getArrivalNote());
        setLong(ps, 27, p.getErasedMs());
        ps.setString(28, p.getFamilyNamePhonetic());
        ps.setString(29, p.getGivenNamePhonetic());
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }
}
