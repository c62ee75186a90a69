package org.pavilion.core.api.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The patient a privacy operation is about, as the EMR knows them when the operation starts: every MRN of the
 * record (the survivor first, then the duplicates merged into it), the external identifiers other systems know
 * the patient by, and the names and birth dates of these records, for a participant that has to find the patient
 * in free text. After a full erasure the EMR holds pseudonyms only: a repeated erasure then carries the MRNs and
 * identifiers (the EMR keeps those until every participant has completed) but no longer the real names.
 *
 * @param mrns          the survivor's MRN first, then its merged duplicates; never empty
 * @param identifiers   (system, value) pairs, e.g. an HL7 sender's PID-3
 * @param names         the names of the records, as they read before the operation
 * @param birthDates    ISO birth dates (yyyy-MM-dd) of the records, before the operation
 * @param scope         for an erasure: FULL (the person is no longer identified in the EMR) or PARTIAL (the
 *                      medical record is under legal retention; a participant holding part of the medical record
 *                      keeps it too); null for an export
 * @param requestedAt   when the operation began: data a participant recorded after it (e.g. the erasure's own
 *                      announcement) is not the subject's
 */
@ProviderType
public record PrivacySubject(List<String> mrns, List<Identifier> identifiers, List<Name> names,
        List<String> birthDates, String scope, Instant requestedAt) {

    public PrivacySubject {
        Objects.requireNonNull(mrns, "mrns");
        if (mrns.isEmpty()) {
            throw new IllegalArgumentException("A privacy subject has at least one MRN");
        }
        mrns = List.copyOf(mrns);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        names = names == null ? List.of() : List.copyOf(names);
        birthDates = birthDates == null ? List.of() : List.copyOf(birthDates);
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** The survivor's MRN: the one a participant files the patient's data under from now on. */
    public String mrn() {
        return mrns.get(0);
    }

    /** An external identifier: the assigning system (e.g. an HL7 PID-3.4) and the value in it. */
    @ProviderType
    public record Identifier(String system, String value) {
        public Identifier {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A given and a family name as registered. */
    @ProviderType
    public record Name(String given, String family) {
    }
}
