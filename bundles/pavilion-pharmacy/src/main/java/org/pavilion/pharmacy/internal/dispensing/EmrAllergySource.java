package org.pavilion.pharmacy.internal.dispensing;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.PatientAllergies;

/** The EMR's recorded allergies (EMR api 2.2); exists only while the EMR does. */
@Component(service = AllergySource.class)
public class EmrAllergySource implements AllergySource {

    static final String PURPOSE = "dispensing allergy check";

    private final PatientAllergies allergies;

    @Activate
    public EmrAllergySource(@Reference PatientAllergies allergies) {
        this.allergies = allergies;
    }

    @Override
    public List<Allergy> active(String mrn) {
        return allergies.active(mrn, PURPOSE).stream()
                .map(a -> new Allergy(a.substance, a.code, a.codeSystem, a.reaction, a.severity)).toList();
    }
}
