package org.pavilion.hl7.internal;

import java.util.ArrayList;
import java.util.List;

import org.pavilion.hl7.api.Hl7Error;

/**
 * What processing a message came to, as the hub stores and answers it: the ACK code, the stored status, why, and
 * the warnings of an AA. Handlers say it with the API's {@link org.pavilion.hl7.api.Outcome}; {@link #of} turns it
 * into this.
 */
public record Outcome(String ackCode, String status, String text, Ack.Error error, String summary,
        List<Ack.Warning> warnings) {

    /** Applied (or found applied before): AA. */
    public static Outcome accepted(String summary) {
        return new Outcome("AA", MessageStore.PROCESSED, null, null, summary, List.of());
    }

    /** A content or processing error: AE with ERR; the message is parked for an integrator to fix and replay. */
    public static Outcome error(Ack.Error error, String text) {
        return new Outcome("AE", MessageStore.PARKED, text, error, null, List.of());
    }

    /** Not for us (type, version) or for a department not installed: AR with ERR. */
    public static Outcome rejected(int code, String text) {
        return new Outcome("AR", MessageStore.REJECTED, text, Ack.Error.of(code), null, List.of());
    }

    /** A handler's outcome as the hub answers it. */
    public static Outcome of(org.pavilion.hl7.api.Outcome o) {
        switch (o.kind()) {
            case ACCEPTED: {
                if (o.warnings().isEmpty()) {
                    return accepted(o.summary());
                }
                List<Ack.Warning> warnings = new ArrayList<>(o.warnings().size());
                for (Hl7Error w : o.warnings()) {
                    warnings.add(new Ack.Warning(error(w), w.text()));
                }
                String summary = (o.summary() == null ? "" : o.summary() + "; ") + warnings.size() + " warning(s)";
                return new Outcome("AA", MessageStore.PROCESSED, null, null, summary, List.copyOf(warnings));
            }
            case ERROR:
                return error(error(o.error()), o.error().text());
            default:
                return new Outcome("AR", MessageStore.REJECTED, o.error().text(), error(o.error()), null, List.of());
        }
    }

    /** An API error's location and code as the ACK writes them. */
    static Ack.Error error(Hl7Error e) {
        return new Ack.Error(e.segment(), e.segmentRepetition(), e.field(), e.component(), e.code());
    }
}
