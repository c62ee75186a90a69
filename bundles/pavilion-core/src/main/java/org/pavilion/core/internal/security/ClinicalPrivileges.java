package org.pavilion.core.internal.security;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.pavilion.core.api.audit.AuditEvent;

/**
 * Which privileges open patients' clinical data, so that an administrator giving them to themselves is flagged
 * ({@code SELF_GRANT_CLINICAL}, emergency). The rule (documented in docs/security-glass.md): a privilege whose name
 * has a {@code clinical} segment ({@code emr.record.clinical.view}), or one of {@link #LISTED}: break-the-glass,
 * documents, diagnoses, prescriptions and a department's dispensing history.
 */
final class ClinicalPrivileges {

    static final String SELF_GRANT = "SELF_GRANT_CLINICAL";

    static final Set<String> LISTED = Set.of("emr.record.break-glass", "emr.document.view", "emr.problem.record",
            "emr.prescription.write", "pharmacy.dispensing.view");

    private ClinicalPrivileges() {
    }

    /**
     * For a change of {@code username}'s own roles in transaction {@code c}: call before the change, then
     * {@link SelfGrantCheck#after} once it is made. Not the caller's own account: nothing to flag.
     */
    static SelfGrantCheck before(RoleStore store, java.sql.Connection c, String username)
            throws java.sql.SQLException {
        boolean self = org.pavilion.core.api.security.CallerContext.current()
                .map(k -> k.username().equals(username)).orElse(false);
        return new SelfGrantCheck(store, username, self ? store.grantsOf(c, username).privileges() : null);
    }

    /** A self-grant check started by {@link #before}. */
    record SelfGrantCheck(RoleStore store, String username, Set<String> before) {
        Optional<AuditEvent> after(java.sql.Connection c) throws java.sql.SQLException {
            return before == null ? Optional.empty()
                    : selfGrant(username, before, store.grantsOf(c, username).privileges(), "changing own roles");
        }
    }

    static boolean isClinical(String privilege) {
        return LISTED.contains(privilege) || privilege.contains(".clinical.") || privilege.endsWith(".clinical");
    }

    /**
     * The flagged audit record when {@code username}'s privileges went from {@code before} to {@code after} and
     * that gave them a clinical privilege they did not have; empty otherwise. {@code how} says what was changed.
     */
    static Optional<AuditEvent> selfGrant(String username, Set<String> before, Set<String> after, String how) {
        Set<String> gained = new TreeSet<>();
        for (String p : after) {
            if (!before.contains(p) && isClinical(p)) {
                gained.add(p);
            }
        }
        if (gained.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AuditEvent.of(SELF_GRANT, "user").resourceId(username).emergencyAccess(true)
                .detail(how + " gave the administrator clinical access " + gained).build());
    }
}
