package org.pavilion.emr.internal.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Content in table {@code emr_document_chunk (document_id, seq_no, data)}, in chunks of {@link #CHUNK_SIZE}.
 * Plain JDBC on the connection the caller's transaction uses (the document row and its chunks commit or roll
 * back together). Chunks, not one big bytea/BLOB, because the PostgreSQL driver materialises a whole bytea in
 * memory: one chunk per statement keeps memory bounded when writing and when streaming out.
 */
public final class DatabaseContentStore {

    public static final int CHUNK_SIZE = 256 * 1024;

    private final int chunkSize;

    public DatabaseContentStore() {
        this(CHUNK_SIZE);
    }

    DatabaseContentStore(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** Inserts the staged file's chunks for document {@code id}; returns how many. One statement per chunk. */
    public int write(Connection c, String id, Path staged) throws IOException, SQLException {
        int seq = 0;
        try (InputStream in = Files.newInputStream(staged);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO emr_document_chunk (document_id, seq_no, data) VALUES (?, ?, ?)")) {
            byte[] buffer = new byte[chunkSize];
            int n;
            while ((n = in.readNBytes(buffer, 0, chunkSize)) > 0) {
                insert.setString(1, id);
                insert.setInt(2, seq++);
                insert.setBytes(3, n == chunkSize ? buffer : java.util.Arrays.copyOf(buffer, n));
                insert.executeUpdate();
            }
        }
        return seq;
    }

    /** Chunk {@code seq} (from 0) of document {@code id}, or null past the last one. */
    public byte[] readChunk(Connection c, String id, int seq) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT data FROM emr_document_chunk WHERE document_id = ? AND seq_no = ?")) {
            select.setString(1, id);
            select.setInt(2, seq);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }
}
