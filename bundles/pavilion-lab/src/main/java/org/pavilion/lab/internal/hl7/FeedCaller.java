package org.pavilion.lab.internal.hl7;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * Who an HL7 feed acts as in the laboratory: the hub's feed caller {@code hl7:<MSH-3>} (same name and address, so
 * the audit trail names the feed) with the laboratory's privileges for what the handler has already admitted: reading
 * the order and entering results, and verifying them for a sender trusted to verify its own work. The hub's caller
 * holds only the EMR's feed privileges (docs/hl7-handler-api.md, "Who a handler acts as").
 */
final class FeedCaller {

    static final Set<String> ENTERS = Set.of("lab.order.view", "lab.result.enter");
    static final Set<String> VERIFIES = Set.of("lab.order.view", "lab.result.enter", "lab.result.verify");

    private FeedCaller() {
    }

    /** The current caller (or an in-container one named {@code fallbackName}) plus {@code privileges}. */
    static Caller with(Set<String> privileges, String fallbackName) {
        Optional<Caller> current = CallerContext.current();
        if (current.isEmpty()) {
            return Caller.inContainer(fallbackName, privileges, "local");
        }
        Caller caller = current.get();
        Set<String> all = new HashSet<>(privileges);
        all.addAll(caller.privileges());
        Set<String> granted = Set.copyOf(all);
        return new Caller() {
            @Override
            public String username() {
                return caller.username();
            }

            @Override
            public Set<String> roles() {
                return caller.roles();
            }

            @Override
            public Set<String> privileges() {
                return granted;
            }

            @Override
            public Optional<String> patientId() {
                return caller.patientId();
            }

            @Override
            public String clientAddress() {
                return caller.clientAddress();
            }

            @Override
            public String toString() {
                return caller + " with " + privileges;
            }
        };
    }
}
