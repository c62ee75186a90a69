package org.pavilion.core.testing;

import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;

/** Callers for departments' tests: a patient's own portal account (staff callers are {@code Caller.inContainer}). */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** The PATIENT account {@code username} of the record {@code patientId}, holding {@code privileges}. */
    public static Caller patientAccount(String username, String patientId, String... privileges) {
        Set<String> granted = Set.of(privileges);
        return new Caller() {
            @Override
            public String username() {
                return username;
            }

            @Override
            public Set<String> roles() {
                return Set.of("PATIENT");
            }

            @Override
            public Set<String> privileges() {
                return granted;
            }

            @Override
            public Optional<String> patientId() {
                return Optional.of(patientId);
            }

            @Override
            public String clientAddress() {
                return "127.0.0.1";
            }
        };
    }
}
