package org.pavilion.lab.internal.hl7;

import java.util.Set;

/**
 * What an HL7 feed may do in the laboratory, added to the hub's feed caller {@code hl7:<MSH-3>} with
 * {@link org.pavilion.core.api.security.CallerContext#currentWith} (same name and address, so the audit trail names
 * the feed) for what the handler has already admitted: reading the order and entering results, and verifying them for
 * a sender trusted to verify its own work. The hub's caller holds only the EMR's feed privileges
 * (docs/hl7-handler-api.md, "Who a handler acts as").
 */
final class FeedCaller {

    static final Set<String> ENTERS = Set.of("lab.order.view", "lab.result.enter");
    static final Set<String> VERIFIES = Set.of("lab.order.view", "lab.result.enter", "lab.result.verify");

    private FeedCaller() {
    }
}
