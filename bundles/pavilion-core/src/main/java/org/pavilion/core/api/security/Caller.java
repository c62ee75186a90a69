package org.pavilion.core.api.security;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The authenticated user behind the current request, or a named actor inside the container (an HL7 feed, a timer).
 * Authorise with {@link #hasPrivilege}: roles are administrator-defined sets of privileges and their names are for
 * display and the audit trail only.
 */
@ProviderType
public interface Caller {

    String username();

    /** Names of the roles the caller holds, for display and audit; never authorise with them. */
    Set<String> roles();

    /** The privileges the caller's roles grant, e.g. {@code emr.patient.register}. */
    Set<String> privileges();

    /** For a patient's own account: the id of the one patient record it may see. */
    Optional<String> patientId();

    /** Network address the request came from; "local" for in-container actors. */
    String clientAddress();

    default boolean hasPrivilege(String privilege) {
        return privileges().contains(privilege);
    }

    /**
     * An actor inside the container acting on its own behalf (a feed, an event subscriber, a timer): named so the
     * audit trail says who, holding only the {@code privileges} its work needs, never a patient's own caller.
     */
    static Caller inContainer(String username, Set<String> privileges, String clientAddress) {
        Set<String> granted = Set.copyOf(privileges);
        String address = clientAddress == null ? "local" : clientAddress;
        return new Caller() {
            @Override
            public String username() {
                return username;
            }

            @Override
            public Set<String> roles() {
                return Set.of();
            }

            @Override
            public Set<String> privileges() {
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
}
