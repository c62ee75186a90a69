package org.pavilion.pharmacy.internal.privacy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.pavilion.pharmacy.privacy.cfg}: how long the pharmacy keeps dispensing records after an erasure request. */
@ObjectClassDefinition(pid = PharmacyPrivacyConfig.PID, name = "Pavilion pharmacy: privacy",
        description = "Retention of prescriptions and dispenses against erasure requests")
public @interface PharmacyPrivacyConfig {

    String PID = "org.pavilion.pharmacy.privacy";

    @AttributeDefinition(description = "Years prescriptions and dispenses are kept after the patient's newest one,"
            + " whatever an erasure request says (the EMR's retentionYears, org.pavilion.emr.privacy, defaults to the same)")
    int retentionYears() default 20;
}
