package org.pavilion.core.internal.audit;

import org.pavilion.core.internal.security.PasswordHasher;

/**
 * The hash that links an audit record to the one before it. Any change to a stored field, a deleted
 * record or a reordering breaks the chain from that record on.
 */
public final class AuditChain {

    /** The "previous hash" of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hashOf(AuditRecordEntity r) {
        // Unit separator between fields so "ab"+"c" and "a"+"bc" differ.
        String canonical = String.join("\u001f",
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
        return PasswordHasher.sha256Hex(canonical);
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }
}
