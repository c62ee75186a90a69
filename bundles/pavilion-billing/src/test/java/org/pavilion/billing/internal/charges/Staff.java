package org.pavilion.billing.internal.charges;

import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;

/** The people of the tests: billing clerks at the desk, and a patient's own portal account. */
final class Staff {

    private Staff() {
    }

    static Caller clerk(String username) {
        return Caller.inContainer(username, Set.of("billing.charges.view", "billing.charges.post"), "10.1.2.3");
    }

    static Caller patientAccount(String mrn) {
        return new Caller() {
            @Override
            public String username() {
                return "portal-" + mrn;
            }

            @Override
            public Set<String> roles() {
                return Set.of("PATIENT");
            }

            @Override
            public Set<String> privileges() {
                return Set.of("billing.invoices.view-own");
            }

            @Override
            public Optional<String> patientId() {
                return Optional.of(mrn);
            }

            @Override
            public String clientAddress() {
                return "192.0.2.8";
            }
        };
    }
}
