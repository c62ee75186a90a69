package org.pavilion.lab.internal.hl7;

import java.util.Locale;
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
 * PID names from the EMR's {@link PatientLookup} (which audits the read). A component of its own with a mandatory
 * reference, so the builders never load an EMR class while the EMR is absent. A feed's thread runs for nobody: the
 * read is made as the laboratory's feed caller, so the audit trail says which feed read the patient.
 */
@Component(service = PatientNames.class)
public class EmrPatientNames implements PatientNames {

    static final String FEED_CALLER = "lab-hl7-feed";

    private final PatientLookup lookup;

    @Activate
    public EmrPatientNames(@Reference PatientLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Optional<Names> byMrn(String mrn, String purpose) {
        try {
            Optional<PatientDetails> details = CallerContext.current().isPresent() ? lookup.byMrn(mrn, purpose)
                    : CallerContext.runAs(Caller.inContainer(FEED_CALLER, Set.of(), "local"),
                            () -> lookup.byMrn(mrn, purpose));
            return details.map(d -> new Names(d.familyName(), d.givenName(), d.birthDate(), sex(d.sex())));
        } catch (IllegalArgumentException notAnMrn) {
            return Optional.empty(); // an order from outside under the sender's identifier, not an MRN
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** HL7 table 0001 from the EMR's FEMALE, MALE, OTHER, UNKNOWN. */
    static String sex(String emr) {
        if (emr == null) {
            return null;
        }
        return switch (emr.toUpperCase(Locale.ROOT)) {
            case "FEMALE" -> "F";
            case "MALE" -> "M";
            case "OTHER" -> "O";
            default -> "U";
        };
    }
}
