package org.pavilion.lab.internal.reading;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/**
 * {@link PatientFacts} from the EMR's {@link PatientLookup} (audited there as a READ of the patient for the stated
 * purpose). A component of its own with a mandatory reference, so it exists only while the EMR does and the rest of
 * the bundle never loads an EMR class.
 */
@Component(service = PatientFacts.class)
public class EmrPatientFacts implements PatientFacts {

    static final String PURPOSE = "lab reference range for a result trend";

    private final PatientLookup lookup;

    @Activate
    public EmrPatientFacts(@Reference PatientLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Optional<Facts> of(String mrn) {
        try {
            return lookup.byMrn(mrn, PURPOSE).map(EmrPatientFacts::facts);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not an MRN the EMR accepts: the gate has answered for that already
        }
    }

    static Facts facts(PatientDetails d) {
        String sex = "FEMALE".equals(d.sex()) ? "F" : "MALE".equals(d.sex()) ? "M" : null;
        LocalDate born = null;
        if (d.birthDate() != null && !d.erased()) {
            try {
                born = LocalDate.parse(d.birthDate());
            } catch (DateTimeParseException e) {
                born = null;
            }
        }
        return new Facts(sex, born);
    }
}
