package org.pavilion.core.internal.audit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Properties;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.internal.CoreTestDatabase;

/** The keyed chain, its re-anchoring over records from before the upgrade, key rotation and the head checkpoint. */
public class AuditIntegrityTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private CoreTestDatabase db;
    private AuditServiceImpl audit;
    private final AuditKeyring k1 = new AuditKeyring(Map.of("k1", bytes(1)), "k1");

    @Before
    public void setUp() {
        db = new CoreTestDatabase();
    }

    @After
    public void tearDown() throws Exception {
        if (audit != null) {
            audit.deactivate();
        }
        db.close();
    }

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private void records(int n) {
        for (int i = 0; i < n; i++) {
            audit.record(AuditEvent.of("READ", "patient").resourceId("P-" + i).patientId("P-" + i)
                    .detail("visit " + i).build());
        }
    }

    private AuditRecordEntity row(long seq) throws Exception {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, occurred_ms, actor, actor_roles, action, resource_type, resource_id, patient_id,"
                        + " client_address, outcome, emergency, detail, prev_hash, hash, key_id FROM core_audit WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                AuditRecordEntity r = new AuditRecordEntity();
                r.setSeq(rs.getLong(1));
                r.setOccurredMs(rs.getLong(2));
                r.setActor(rs.getString(3));
                r.setActorRoles(rs.getString(4));
                r.setAction(rs.getString(5));
                r.setResourceType(rs.getString(6));
                r.setResourceId(rs.getString(7));
                r.setPatientId(rs.getString(8));
                r.setClientAddress(rs.getString(9));
                r.setOutcome(rs.getString(10));
                r.setEmergency(rs.getBoolean(11));
                r.setDetail(rs.getString(12));
                r.setPrevHash(rs.getString(13));
                r.setHash(rs.getString(14));
                r.setKeyId(rs.getString(15));
                return r;
            }
        }
    }

    /** What someone with database access but no key can do: change a field and recompute a plain SHA-256. */
    private void rewriteWithoutTheKey(long seq, String detail, boolean dropKeyId) throws Exception {
        AuditRecordEntity r = row(seq);
        r.setDetail(detail);
        String keyId = dropKeyId ? null : r.getKeyId();
        String forged = AuditChain.hashOf(withoutKey(r), k1);
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE core_audit SET detail = ?, hash = ?, key_id = ? WHERE seq = ?")) {
            ps.setString(1, detail);
            ps.setString(2, forged);
            ps.setString(3, keyId);
            ps.setLong(4, seq);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static AuditRecordEntity withoutKey(AuditRecordEntity r) {
        r.setKeyId(null);
        return r;
    }

    @Test
    public void recordsAreHmacKeyedAndARowRewrittenWithoutTheKeyFailsAtItsSeq() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        records(5);
        assertEquals("k1", row(3).getKeyId());
        assertTrue(audit.verify().intact);

        rewriteWithoutTheKey(3, "nothing to see", false);
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(3), v.firstBrokenSeq);
        assertTrue(v.problem, v.problem.contains("HMAC"));
    }

    @Test
    public void downgradingARowToAnUnkeyedHashIsRefused() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        records(5);
        rewriteWithoutTheKey(5, "nothing to see", true);
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(5), v.firstBrokenSeq);
        assertTrue(v.problem, v.problem.contains("unkeyed"));
    }

    @Test
    public void unkeyedRecordsFromBeforeTheUpgradeStillVerifyAndTheChainIsReAnchored() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        records(3);
        // turn them into what the previous release wrote: no key id, plain SHA-256, chained
        for (long seq = 1; seq <= 3; seq++) {
            AuditRecordEntity r = withoutKey(row(seq));
            if (seq > 1) {
                r.setPrevHash(row(seq - 1).getHash());
            }
            db.execute("UPDATE core_audit SET key_id = NULL, prev_hash = '" + r.getPrevHash() + "', hash = '"
                    + AuditChain.hashOf(r, k1) + "' WHERE seq = " + seq);
        }
        audit.deactivate();
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1); // the upgraded container starts
        assertTrue(audit.verify().problem, audit.verify().intact);

        records(2);
        AuditRecordEntity anchor = row(4);
        assertEquals(AuditChain.ANCHOR_ACTION, anchor.getAction());
        assertEquals("chain re-anchored with key k1 after unkeyed records", anchor.getDetail());
        assertEquals("k1", anchor.getKeyId());
        assertEquals("P-0", row(5).getPatientId());
        ChainVerification v = audit.verify();
        assertTrue(v.problem, v.intact);
        assertEquals(6, v.recordsChecked);
    }

    @Test
    public void aRotatedKeyReAnchorsTheChainAndOldRecordsNeedTheOldKey() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        records(2);
        audit.useKeys(new AuditKeyring(Map.of("k1", bytes(1), "k2", bytes(2)), "k2"));
        records(1);
        assertEquals("chain re-anchored with key k2 after key k1", row(3).getDetail());
        assertEquals("k2", row(4).getKeyId());
        assertTrue(audit.verify().problem, audit.verify().intact);

        audit.useKeys(new AuditKeyring(Map.of("k2", bytes(2)), "k2")); // the old key was thrown away
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(1), v.firstBrokenSeq);
        assertTrue(v.problem, v.problem.contains("cannot verify: key k1"));
    }

    @Test
    public void verificationWithADifferentKeyFails() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        records(2);
        audit.useKeys(new AuditKeyring(Map.of("k1", bytes(9)), "k1"));
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(1), v.firstBrokenSeq);
    }

    @Test
    public void aDeletedTailIsCaughtByTheHeadCheckpoint() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        Path head = tmp.getRoot().toPath().resolve("pavilion/audit-head");
        audit.checkpointTo(head, 3_600_000); // written by verify and on shutdown only, here
        records(6);
        ChainVerification ok = audit.verify();
        assertTrue(ok.problem, ok.intact);
        assertEquals(Long.valueOf(6), ok.checkpointSeq);
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(head)) {
            p.load(r);
        }
        assertEquals("6", p.getProperty("seq"));
        assertEquals(row(6).getHash(), p.getProperty("hash"));

        assertEquals(2, db.execute("DELETE FROM core_audit WHERE seq > 4"));
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(5), v.firstBrokenSeq);
        assertTrue(v.problem, v.problem.startsWith("truncated after seq 4"));
    }

    @Test
    public void theCheckpointIsWrittenByItsTimerAndOnShutdown() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        Path head = tmp.getRoot().toPath().resolve("audit-head");
        audit.checkpointTo(head, 50);
        records(2);
        long deadline = System.currentTimeMillis() + 5000;
        while (!Files.exists(head) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(Files.exists(head));
        records(1);
        audit.deactivate();
        audit = null;
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(head)) {
            p.load(r);
        }
        assertEquals("3", p.getProperty("seq"));
    }

    @Test
    public void aForgedHeadFileIsReportedAsSuch() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        Path head = tmp.getRoot().toPath().resolve("audit-head");
        audit.checkpointTo(head, 3_600_000);
        records(3);
        assertTrue(audit.verify().intact);
        db.execute("DELETE FROM core_audit WHERE seq = 3");
        audit.deactivate();
        // the attacker also lowers the head file's seq to match, but cannot sign it
        String text = Files.readString(head).replace("seq=3", "seq=2")
                .replaceAll("hash=[0-9a-f]+", "hash=" + row(2).getHash());
        Files.writeString(head, text);
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        audit.checkpointTo(head, 3_600_000);
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertNull(v.firstBrokenSeq);
        assertTrue(v.problem, v.problem.contains("forged"));
    }

    @Test
    public void rewritingTheWholeChainUnkeyedDisagreesWithTheCheckpoint() throws Exception {
        audit = AuditServiceImpl.keyed(db.emf, db.dataSource, k1);
        audit.checkpointTo(tmp.getRoot().toPath().resolve("audit-head"), 3_600_000);
        records(3);
        assertTrue(audit.verify().intact);
        String prev = AuditChain.GENESIS;
        for (long seq = 1; seq <= 3; seq++) {
            AuditRecordEntity r = withoutKey(row(seq));
            r.setPrevHash(prev);
            prev = AuditChain.hashOf(r, k1);
            db.execute("UPDATE core_audit SET key_id = NULL, prev_hash = '" + r.getPrevHash() + "', hash = '" + prev
                    + "' WHERE seq = " + seq);
        }
        ChainVerification v = audit.verify();
        assertFalse(v.intact);
        assertEquals(Long.valueOf(3), v.firstBrokenSeq);
        assertTrue(v.problem, v.problem.contains("head checkpoint"));
    }

    @Test
    public void aMissingKeyFileIsCreatedOwnerOnlyAndReadBackTheSame() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("etc/pavilion-audit.key");
        boolean[] created = {false};
        AuditKeyring first = AuditKeyring.loadOrCreate(file, created);
        assertTrue(created[0]);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        boolean[] again = {false};
        AuditKeyring second = AuditKeyring.loadOrCreate(file, again);
        assertFalse(again[0]);
        assertEquals("k1", second.currentId());
        assertEquals(first.mac("k1", "x"), second.mac("k1", "x"));
        assertFalse(first.toString().contains(Files.readString(file).replaceAll("(?s).*k1=", "").trim()));
    }
}
