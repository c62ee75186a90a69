package org.pavilion.hl7.internal;

import java.util.Set;

import org.pavilion.core.api.security.Caller;

/**
 * The in-container actor an HL7 feed acts as: "hl7:&lt;sending application&gt;", holding what an INTEGRATION account
 * held for a feed's work in the EMR (read any patient, write into any record) and nothing more.
 */
final class Hl7Caller {

    static final Set<String> FEED_PRIVILEGES = Set.of("emr.patient.view-any", "emr.record.feed-write");

    private Hl7Caller() {
    }

    static Caller of(String sendingApplication, String remoteAddress) {
        String name = "hl7:" + (sendingApplication == null || sendingApplication.isBlank() ? "unknown" : sendingApplication);
        return Caller.inContainer(name.length() > 64 ? name.substring(0, 64) : name, FEED_PRIVILEGES,
                remoteAddress);
    }
}
