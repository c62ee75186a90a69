package org.pavilion.scheduling.internal.hl7;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.PatientDirectory;

/**
 * PID-3 to MRN through the EMR's {@link PatientDirectory}, by the identifiers ADT registered. A component of its own
 * with a mandatory reference: it exists only while the EMR does, and the handler never loads an EMR class (the
 * import is optional).
 */
@Component(service = SiuPatients.class)
public class EmrSiuPatients implements SiuPatients {

    private final PatientDirectory directory;

    @Activate
    public EmrSiuPatients(@Reference PatientDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> mrn(String system, String value) {
        return directory.findMrn(system, value);
    }
}
