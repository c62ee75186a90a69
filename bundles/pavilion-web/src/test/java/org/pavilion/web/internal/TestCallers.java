package org.pavilion.web.internal;

import java.util.Set;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.testing.TestAccounts;

final class TestCallers {

    private TestCallers() {
    }

    static Caller with(String... privileges) {
        return Caller.inContainer("tester", Set.of(privileges), "127.0.0.1");
    }

    static Caller patient(String patientId, String... privileges) {
        return TestAccounts.patientAccount("patient", patientId, privileges);
    }
}
