package org.pavilion.billing.internal.privacy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.pavilion.billing.privacy.cfg}: how long billing keeps an erased patient's financial records. */
@ObjectClassDefinition(pid = BillingPrivacyConfig.PID, name = "Pavilion billing: privacy",
        description = "Retention of invoices, payments and claims against erasure requests")
public @interface BillingPrivacyConfig {

    String PID = "org.pavilion.billing.privacy";

    @AttributeDefinition(description = "Years issued invoices, credit notes, payments and claims are kept (under a"
            + " pseudonym) after the patient's newest one, whatever an erasure request says (bookkeeping law)")
    int retentionYears() default 10;
}
