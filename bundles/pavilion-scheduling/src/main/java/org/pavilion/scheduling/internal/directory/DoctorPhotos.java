package org.pavilion.scheduling.internal.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.pavilion.core.api.rest.ProblemException;

/** Doctors' photos in {@code sched_doctor_photo}, plain JDBC (a blob needs no entity): PNG or JPEG, at most 512 KB. */
final class DoctorPhotos {

    static final int MAX_BYTES = 512 * 1024;
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";

    private DoctorPhotos() {
    }

    /**
     * The content type the bytes really are; 400 when they are not the PNG or JPEG the client declared, or too big.
     */
    static String check(String declared, byte[] content) {
        if (content == null || content.length == 0) {
            throw ProblemException.validation("The photo is empty");
        }
        if (content.length > MAX_BYTES) {
            throw ProblemException.validation("The photo is larger than 512 KB");
        }
        String actual = isPng(content) ? PNG : isJpeg(content) ? JPEG : null;
        if (actual == null) {
            throw ProblemException.validation("The photo must be a PNG or JPEG image");
        }
        String type = declared == null ? "" : declared.split(";")[0].strip().toLowerCase();
        if (!type.equals(actual)) {
            throw ProblemException.validation("The photo is " + actual + " but was sent as " + declared);
        }
        return actual;
    }

    private static boolean isPng(byte[] b) {
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && b[0] == (byte) 0xFF && b[1] == (byte) 0xD8 && b[2] == (byte) 0xFF;
    }

    static void put(Connection c, String doctorId, String contentType, byte[] content, long nowMs) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sched_doctor_photo WHERE doctor_id = ?")) {
            delete.setString(1, doctorId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO sched_doctor_photo (doctor_id, content_type, content, updated_ms) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, doctorId);
            insert.setString(2, contentType);
            insert.setBytes(3, content);
            insert.setLong(4, nowMs);
            insert.executeUpdate();
        }
    }

    static DirectoryDtos.Photo get(Connection c, String doctorId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT content_type, content, updated_ms FROM sched_doctor_photo WHERE doctor_id = ?")) {
            q.setString(1, doctorId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new DirectoryDtos.Photo(rs.getString(1), rs.getBytes(2), rs.getLong(3)) : null;
            }
        }
    }
}
