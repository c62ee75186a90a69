package org.pavilion.billing.internal.hl7;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/**
 * PID-3 to MRN through the EMR's {@link PatientLookup} (which audits the read as the hub's feed caller). A component
 * of its own with a mandatory reference, so the handler never loads an EMR class while the EMR is absent.
 */
@Component(service = PatientIdentities.class)
public class EmrPatientIdentities implements PatientIdentities {

    private final PatientLookup lookup;

    @Activate
    public EmrPatientIdentities(@Reference PatientLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Optional<String> mrn(String value, String authority, String type, String purpose) {
        if ("MR".equals(type)) {
            try {
                Optional<PatientDetails> byMrn = lookup.byMrn(value, purpose);
                if (byMrn.isPresent()) {
                    return byMrn.map(PatientDetails::mrn);
                }
            } catch (IllegalArgumentException notOurs) {
                // check digits do not match: another hospital's record number, tried as its identifier below
            }
        }
        if (authority == null) {
            return Optional.empty();
        }
        return lookup.byIdentifier(authority, value, purpose).map(PatientDetails::mrn);
    }
}
