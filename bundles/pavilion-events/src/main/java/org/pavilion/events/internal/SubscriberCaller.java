package org.pavilion.events.internal;

import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.Role;

/**
 * Who a subscriber route acts as while it handles an event: a named system actor with no roles, so the
 * audit trail shows {@code events:<subscriber>} rather than an anonymous "system", and nothing is granted.
 */
record SubscriberCaller(String subscriber) implements Caller {

    @Override
    public String username() {
        return "events:" + subscriber;
    }

    @Override
    public Set<Role> roles() {
        return Set.of();
    }

    @Override
    public Optional<String> patientId() {
        return Optional.empty();
    }

    @Override
    public String clientAddress() {
        return "local";
    }
}
