package org.pavilion.lab.internal.privacy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.pavilion.lab.privacy.cfg}: how long the laboratory keeps results after an erasure request. */
@ObjectClassDefinition(pid = LabPrivacyConfig.PID, name = "Pavilion laboratory: privacy",
        description = "Retention of laboratory records against erasure requests")
public @interface LabPrivacyConfig {

    String PID = "org.pavilion.lab.privacy";

    @AttributeDefinition(description = "Years lab orders and results are kept after the patient's newest one, whatever"
            + " an erasure request says (the EMR's retentionYears, org.pavilion.emr.privacy, defaults to the same)")
    int retentionYears() default 20;
}
