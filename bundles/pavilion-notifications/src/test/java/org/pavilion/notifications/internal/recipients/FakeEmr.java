package org.pavilion.notifications.internal.recipients;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/**
 * The EMR's PatientLookup as the tests need it: registered patients, merged duplicates answering their survivor, and
 * like the real one it refuses a read with nobody bound and remembers who read whom and why.
 */
public final class FakeEmr implements PatientLookup {

    /** One read: who (the bound caller), which MRN, why. */
    public record Read(String caller, String mrn, String purpose) {
    }

    private final Map<String, PatientDetails> patients = new HashMap<>();
    private final Map<String, String> merged = new HashMap<>();
    public final List<Read> reads = new CopyOnWriteArrayList<>();

    public FakeEmr register(String mrn, String given, String email, List<String> phones, String language) {
        patients.put(mrn, details(mrn, null, given, email, phones, language, false));
        return this;
    }

    public FakeEmr erased(String mrn) {
        patients.put(mrn, details(mrn, null, "ERASED", null, List.of(), null, true));
        return this;
    }

    public FakeEmr merge(String duplicate, String survivor) {
        merged.put(duplicate, survivor);
        return this;
    }

    @Override
    public Optional<PatientDetails> byMrn(String mrn, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a purpose is required");
        }
        if (mrn == null || !mrn.startsWith("MRN-")) {
            throw new IllegalArgumentException(mrn + " is not an MRN");
        }
        reads.add(new Read(CallerContext.require().username(), mrn, purpose));
        String survivor = merged.getOrDefault(mrn, mrn);
        PatientDetails d = patients.get(survivor);
        if (d == null || survivor.equals(mrn)) {
            return Optional.ofNullable(d);
        }
        return Optional.of(new PatientDetails(d.mrn(), mrn, d.givenName(), d.familyName(), d.sex(), d.birthDate(),
                d.birthDateEstimated(), d.unidentified(), d.restricted(), d.erased(), d.nationalId(),
                d.identifiers(), d.contact(), d.preferredLanguage(), d.insurance()));
    }

    @Override
    public Optional<PatientDetails> byIdentifier(String system, String value, String purpose) {
        return Optional.empty();
    }

    private static PatientDetails details(String mrn, String requested, String given, String email,
            List<String> phones, String language, boolean erased) {
        return new PatientDetails(mrn, requested, given, "Family", "FEMALE", "1980-04-02", false, false, false,
                erased, null, List.of(), new PatientDetails.Contact(phones, email, null), language, List.of());
    }
}
