package org.pavilion.hl7.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.Role;

/** The in-container actor an HL7 feed acts as: "hl7:&lt;sending application&gt;", an INTEGRATION caller. */
record Hl7Caller(String username, String clientAddress) implements Caller {

    static Hl7Caller of(String sendingApplication, String remoteAddress) {
        String name = "hl7:" + (sendingApplication == null || sendingApplication.isBlank() ? "unknown" : sendingApplication);
        return new Hl7Caller(name.length() > 64 ? name.substring(0, 64) : name,
                remoteAddress == null ? "local" : remoteAddress);
    }

    @Override
    public Set<Role> roles() {
        return EnumSet.of(Role.INTEGRATION);
    }

    @Override
    public Optional<String> patientId() {
        return Optional.empty();
    }
}
