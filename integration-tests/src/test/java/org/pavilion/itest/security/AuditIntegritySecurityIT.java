package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Properties;

import javax.sql.DataSource;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue #20, audit integrity: the chain is keyed with a key outside the database and its head is checkpointed
 * outside it too, so someone who can only write the database can neither rewrite a record (recomputing the hash)
 * nor cut off the end of the trail unnoticed. One test walks the attacker's steps in order on one trail.
 */
public class AuditIntegritySecurityIT extends PavilionTestSupport {

    /** Boots slowly on a loaded machine: Pax Exam's 3-minute default is too short for the whole distribution. */
    @Override
    protected Option[] extraOptions() {
        return new Option[] {systemTimeout(900_000)};
    }

    private DataSource dataSource() throws Exception {
        return awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
    }

    private static JsonNode verify(Http admin) throws Exception {
        return ok(admin.get("/api/v1/platform/audit/verify"));
    }

    private long lastSeq() throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(seq) FROM core_audit"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The old, unkeyed hash of a row, as an attacker with only the database would recompute it after an edit. */
    private static String sha256Of(ResultSet r, String detail) throws Exception {
        String canonical = String.join("\u001f", Long.toString(r.getLong("seq")), Long.toString(r.getLong("occurred_ms")),
                nz(r.getString("actor")), nz(r.getString("actor_roles")), nz(r.getString("action")),
                nz(r.getString("resource_type")), nz(r.getString("resource_id")), nz(r.getString("patient_id")),
                nz(r.getString("client_address")), nz(r.getString("outcome")), Boolean.toString(r.getBoolean("emergency")),
                nz(detail), nz(r.getString("prev_hash")));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }

    @Test
    public void anEditedRowAndADeletedTailAreDetectedByTheKeyedChainAndTheHeadCheckpoint() throws Exception {
        awaitHealthy();
        Http admin = loginAsAdmin();
        Http clerk = createUser(admin, "audit.clerk", "RECEPTIONIST", null);
        String mrn = registerPatient(clerk, "Ilse", "Vermeer", "FEMALE", "1961-04-02");
        for (int i = 0; i < 3; i++) {
            ok(clerk.get("/api/v1/emr/patients/" + mrn));
        }
        JsonNode intact = verify(admin);
        assertTrue(intact.toString(), intact.path("intact").asBoolean());

        // The key file was created outside the database and the head is checkpointed outside it.
        Path keyFile = Path.of(System.getProperty("karaf.etc", "etc"), "pavilion-audit.key");
        assertTrue(keyFile + " exists", Files.exists(keyFile));
        Path headFile = karafData().resolve("pavilion/audit-head");
        assertTrue(headFile + " exists", Files.exists(headFile));

        // 1. A clinical read's detail is edited in the database and its hash recomputed the old, unkeyed way.
        long edited;
        String originalDetail;
        String originalHash;
        try (Connection c = dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM core_audit WHERE patient_id = ?"
                    + " AND action = 'READ' ORDER BY seq LIMIT 1")) {
                ps.setString(1, mrn);
                try (ResultSet r = ps.executeQuery()) {
                    assertTrue("a READ of " + mrn + " was audited", r.next());
                    edited = r.getLong("seq");
                    originalDetail = r.getString("detail");
                    originalHash = r.getString("hash");
                    try (PreparedStatement up = c.prepareStatement(
                            "UPDATE core_audit SET detail = ?, hash = ? WHERE seq = ?")) {
                        up.setString(1, "routine check");
                        up.setString(2, sha256Of(r, "routine check"));
                        up.setLong(3, edited);
                        assertEquals(1, up.executeUpdate());
                    }
                }
            }
        }
        JsonNode changed = verify(admin);
        assertFalse(changed.toString(), changed.path("intact").asBoolean());
        assertEquals(changed.toString(), edited, changed.path("firstBrokenSeq").asLong());
        assertTrue(changed.toString(), changed.path("problem").asText().contains("HMAC"));

        // 2. Restored, the trail verifies again.
        try (Connection c = dataSource().getConnection();
                PreparedStatement up = c.prepareStatement("UPDATE core_audit SET detail = ?, hash = ? WHERE seq = ?")) {
            up.setString(1, originalDetail);
            up.setString(2, originalHash);
            up.setLong(3, edited);
            assertEquals(1, up.executeUpdate());
        }
        JsonNode restored = verify(admin);
        assertTrue(restored.toString(), restored.path("intact").asBoolean());

        // 3. The last records are deleted: the chain that is left is valid, but it ends before the checkpoint.
        long last = lastSeq();
        Await.until("the head checkpoint reaches seq " + last, java.time.Duration.ofSeconds(10), () -> {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(headFile)) {
                p.load(r);
            }
            assertTrue(p.toString(), Long.parseLong(p.getProperty("seq")) >= last);
        });
        try (Connection c = dataSource().getConnection();
                PreparedStatement del = c.prepareStatement("DELETE FROM core_audit WHERE seq > ?")) {
            del.setLong(1, last - 2);
            assertTrue(del.executeUpdate() >= 2);
        }
        JsonNode truncated = verify(admin);
        assertFalse(truncated.toString(), truncated.path("intact").asBoolean());
        assertTrue(truncated.toString(), truncated.path("problem").asText().startsWith("truncated after seq " + (last - 2)));
        assertEquals(truncated.toString(), last - 1, truncated.path("firstBrokenSeq").asLong());
    }
}
