package org.pavilion.hl7.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What handling a message came to. {@link #accepted}: MSA-1 AA, with warnings the ACK carries as ERR segments of
 * severity W (content kept in another form, never dropped silently). {@link #error}: AE with the error's ERR; the
 * hub parks the message for an integrator to fix and replay. {@link #rejected}: AR, the message is not for this
 * department (an event it does not take), stored as rejected.
 */
@ProviderType
public final class Outcome {

    /** The three HL7 original-mode answers. */
    @ProviderType
    public enum Kind { ACCEPTED, ERROR, REJECTED }

    private final Kind kind;
    private final String summary;
    private final Hl7Error error;
    private final List<Hl7Error> warnings;

    private Outcome(Kind kind, String summary, Hl7Error error, List<Hl7Error> warnings) {
        this.kind = kind;
        this.summary = summary;
        this.error = error;
        this.warnings = warnings;
    }

    /** Applied; {@code summary} says what it did (kept with the stored message, e.g. "patient K-1 CREATED"). */
    public static Outcome accepted(String summary) {
        return new Outcome(Kind.ACCEPTED, summary, null, List.of());
    }

    /** AE: the content cannot be applied (same as throwing {@link Hl7ContentException}). */
    public static Outcome error(Hl7Error error) {
        return new Outcome(Kind.ERROR, null, Objects.requireNonNull(error, "error"), List.of());
    }

    /** AR: not for this department, e.g. an event of its type it does not take. */
    public static Outcome rejected(Hl7Error error) {
        return new Outcome(Kind.REJECTED, null, Objects.requireNonNull(error, "error"), List.of());
    }

    /** This accepted outcome with one more warning. */
    public Outcome withWarning(Hl7Error warning) {
        if (kind != Kind.ACCEPTED) {
            throw new IllegalStateException("warnings belong to an accepted outcome; this one is " + kind);
        }
        List<Hl7Error> more = new ArrayList<>(warnings);
        more.add(Objects.requireNonNull(warning, "warning"));
        return new Outcome(kind, summary, null, List.copyOf(more));
    }

    public Kind kind() {
        return kind;
    }

    /** What an accepted message did; null otherwise. */
    public String summary() {
        return summary;
    }

    /** Why AE or AR; null when accepted. */
    public Hl7Error error() {
        return error;
    }

    /** The warnings of an accepted outcome, in the order they were added. */
    public List<Hl7Error> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return kind + (summary != null ? " " + summary : "") + (error != null ? " " + error.text() : "")
                + (warnings.isEmpty() ? "" : " " + warnings.size() + " warning(s)");
    }
}
