package org.pavilion.core.internal.audit;

import org.pavilion.core.internal.security.PasswordHasher;

/**
 * The hash that links an audit record to the one before it. Any change to a stored field, a deleted
 * record or a reordering breaks the chain from that record on.
 *
 * <p>Records with a key id carry an HMAC-SHA256 with that key (kept outside the database), so someone who can only
 * write the database cannot recompute it. Records without one were written before keys existed and carry the plain
 * SHA-256 they were written with; they still verify, but no unkeyed record may follow a keyed one.
 */
public final class AuditChain {

    /** The "previous hash" of the first record. */
    public static final String GENESIS = "0".repeat(64);
    /** Action of the record that marks the switch to a (new) key. */
    public static final String ANCHOR_ACTION = "AUDIT_CHAIN_ANCHOR";

    private AuditChain() {
    }

    /** The record's hash as written: HMAC with its key, or the legacy SHA-256 when it has none. */
    public static String hashOf(AuditRecordEntity r, AuditKeyring keys) {
        String canonical = canonical(r);
        return r.getKeyId() == null ? PasswordHasher.sha256Hex(canonical)
                : keys.mac(r.getKeyId(), canonical + "\u001f" + r.getKeyId());
    }

    private static String canonical(AuditRecordEntity r) {
        // Unit separator between fields so "ab"+"c" and "a"+"bc" differ.
        return String.join("\u001f",
                Long.toString(r.getSeq()),
                Long.toString(r.getOccurredMs()),
                nz(r.getActor()),
                nz(r.getActorRoles()),
                nz(r.getAction()),
                nz(r.getResourceType()),
                nz(r.getResourceId()),
                nz(r.getPatientId()),
                nz(r.getClientAddress()),
                nz(r.getOutcome()),
                Boolean.toString(r.isEmergency()),
                nz(r.getDetail()),
                nz(r.getPrevHash()));
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }
}
