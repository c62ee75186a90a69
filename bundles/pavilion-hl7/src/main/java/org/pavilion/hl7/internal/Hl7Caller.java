package org.pavilion.hl7.internal;

import java.util.Set;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.Role;

/** The in-container actor an HL7 feed acts as: "hl7:&lt;sending application&gt;", an INTEGRATION caller. */
final class Hl7Caller {

    private Hl7Caller() {
    }

    static Caller of(String sendingApplication, String remoteAddress) {
        String name = "hl7:" + (sendingApplication == null || sendingApplication.isBlank() ? "unknown" : sendingApplication);
        return Caller.inContainer(name.length() > 64 ? name.substring(0, 64) : name, Set.of(Role.INTEGRATION),
                remoteAddress);
    }
}
