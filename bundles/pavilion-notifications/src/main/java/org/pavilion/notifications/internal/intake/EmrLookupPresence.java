package org.pavilion.notifications.internal.intake;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.emr.api.PatientLookup;

/** Registered while the EMR's PatientLookup is (see {@link EmrPresence}). */
@Component(service = EmrPresence.class)
public class EmrLookupPresence implements EmrPresence {

    @Activate
    public EmrLookupPresence(@Reference PatientLookup lookup) {
        // Only its presence matters: the RecipientDirectory reads patients.
    }
}
