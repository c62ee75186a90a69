package org.pavilion.lab.internal.result;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/**
 * {@link Demographics} from the EMR's {@link PatientLookup}. A component of its own with a mandatory reference, so
 * it exists only while the EMR does and no other class of the bundle loads an EMR type (the import is optional).
 * A read with nobody bound (an analyser, the HL7 feed) is made as the laboratory's system caller.
 */
@Component(service = Demographics.class)
public class EmrDemographics implements Demographics {

    static final String PURPOSE = "reference range of a lab result";
    private static final Caller SYSTEM = Caller.inContainer("lab-results", Set.of(), "local");

    private final PatientLookup lookup;

    @Activate
    public EmrDemographics(@Reference PatientLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public PatientFacts of(String mrn) {
        Optional<PatientDetails> found;
        try {
            found = CallerContext.current().isPresent() ? lookup.byMrn(mrn, PURPOSE)
                    : CallerContext.runAs(SYSTEM, () -> lookup.byMrn(mrn, PURPOSE));
        } catch (IllegalArgumentException notAnMrn) {
            // An order placed for an identifier the EMR does not know as an MRN: the ranges for anyone.
            return PatientFacts.UNKNOWN;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception checked) {
            // runAs declares Exception; byMrn throws none.
            throw new IllegalStateException(checked);
        }
        return found.map(EmrDemographics::facts).orElse(PatientFacts.UNKNOWN);
    }

    static PatientFacts facts(PatientDetails d) {
        String sex = switch (d.sex() == null ? "" : d.sex()) {
            case "MALE" -> "M";
            case "FEMALE" -> "F";
            default -> null;
        };
        LocalDate born = null;
        if (d.birthDate() != null && !d.erased()) {
            try {
                born = LocalDate.parse(d.birthDate());
            } catch (DateTimeParseException unreadable) {
                born = null;
            }
        }
        return new PatientFacts(sex, born);
    }
}
