package org.pavilion.core.api.security;

import java.util.Optional;
import java.util.Set;

/** The authenticated user behind the current request, or a named system actor (an HL7 feed, a timer). */
public interface Caller {

    String username();

    Set<Role> roles();

    /** For a PATIENT user: the id of the one patient record they may see. */
    Optional<String> patientId();

    /** Network address the request came from; "local" for in-container actors. */
    String clientAddress();

    /**
     * An actor inside the container acting on its own behalf (a feed, an event subscriber, a timer): named so the
     * audit trail says who, with {@code roles} only, never a patient's own caller.
     */
    static Caller inContainer(String username, Set<Role> roles, String clientAddress) {
        Set<Role> granted = Set.copyOf(roles);
        String address = clientAddress == null ? "local" : clientAddress;
        return new Caller() {
            @Override
            public String username() {
                return username;
            }

            @Override
            public Set<Role> roles() {
                return granted;
            }

            @Override
            public Optional<String> patientId() {
                return Optional.empty();
            }

            @Override
            public String clientAddress() {
                return address;
            }

            @Override
            public String toString() {
                return username + granted;
            }
        };
    }

    default boolean hasRole(Role role) {
        return roles().contains(role);
    }

    default boolean hasAnyRole(Role... any) {
        for (Role r : any) {
            if (roles().contains(r)) {
                return true;
            }
        }
        return false;
    }
}
