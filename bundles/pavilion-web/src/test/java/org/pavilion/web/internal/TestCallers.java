package org.pavilion.web.internal;

import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;

final class TestCallers {

    private TestCallers() {
    }

    static Caller with(String... privileges) {
        return Caller.inContainer("tester", Set.of(privileges), "127.0.0.1");
    }

    static Caller patient(String patientId, String... privileges) {
        Caller base = with(privileges);
        return new Caller() {
            @Override
            public String username() {
                return "patient";
            }

            @Override
            public Set<String> roles() {
                return Set.of("PATIENT");
            }

            @Override
            public Set<String> privileges() {
                return base.privileges();
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
