package org.pavilion.core.internal.security;

import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;

/** A signed-in user (or integration account) with the roles and privileges read from the database. */
public final class AuthenticatedCaller implements Caller {

    private final String username;
    private final Set<String> roles;
    private final Set<String> privileges;
    private final String patientId;
    private final String clientAddress;
    private final boolean passwordChangeRequired;

    public AuthenticatedCaller(String username, Set<String> roles, Set<String> privileges, String patientId,
            String clientAddress) {
        this(username, roles, privileges, patientId, clientAddress, false);
    }

    /** {@code passwordChangeRequired}: the account must choose a new password before anything else. */
    public AuthenticatedCaller(String username, Set<String> roles, Set<String> privileges, String patientId,
            String clientAddress, boolean passwordChangeRequired) {
        this.username = username;
        this.roles = Set.copyOf(roles);
        this.privileges = Set.copyOf(privileges);
        this.patientId = patientId;
        this.clientAddress = clientAddress;
        this.passwordChangeRequired = passwordChangeRequired;
    }

    public AuthenticatedCaller withClientAddress(String address) {
        return new AuthenticatedCaller(username, roles, privileges, patientId, address, passwordChangeRequired);
    }

    @Override public String username() { return username; }
    @Override public Set<String> roles() { return roles; }
    @Override public Set<String> privileges() { return privileges; }
    @Override public Optional<String> patientId() { return Optional.ofNullable(patientId); }
    @Override public String clientAddress() { return clientAddress; }

    /** While true, only the change of the own password, "who am I" and signing out are allowed (see AuthFilter). */
    public boolean passwordChangeRequired() { return passwordChangeRequired; }

    @Override
    public String toString() {
        return username + roles;
    }
}
