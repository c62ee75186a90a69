package org.pavilion.core.internal.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.Role;

public final class AuthenticatedCaller implements Caller {

    private final String username;
    private final Set<Role> roles;
    private final String patientId;
    private final String clientAddress;

    public AuthenticatedCaller(String username, Set<Role> roles, String patientId, String clientAddress) {
        this.username = username;
        this.roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        this.patientId = patientId;
        this.clientAddress = clientAddress;
    }

    public AuthenticatedCaller withClientAddress(String address) {
        return new AuthenticatedCaller(username, roles, patientId, address);
    }

    @Override public String username() { return username; }
    @Override public Set<Role> roles() { return roles; }
    @Override public Optional<String> patientId() { return Optional.ofNullable(patientId); }
    @Override public String clientAddress() { return clientAddress; }

    @Override
    public String toString() {
        return username + roles;
    }
}
