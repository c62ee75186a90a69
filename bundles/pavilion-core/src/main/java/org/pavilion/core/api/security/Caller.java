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
