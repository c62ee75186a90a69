package org.pavilion.emr.internal.privacy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.pavilion.emr.privacy.cfg */
@ObjectClassDefinition(name = "Pavilion EMR privacy", description = "Retention of the medical record under GDPR erasure")
public @interface PrivacyConfig {

    @AttributeDefinition(name = "Medical-record retention (years)", min = "0", description = "How long the clinical "
            + "record is kept after the patient's last clinical activity, whatever an erasure request says. Set it "
            + "to what the hospital's jurisdiction requires (often 10 to 30 years; longer for minors).")
    int retentionYears() default 20;
}
