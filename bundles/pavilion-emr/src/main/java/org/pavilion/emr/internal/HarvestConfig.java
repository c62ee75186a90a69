package org.pavilion.emr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.pavilion.emr.harvest.cfg */
@ObjectClassDefinition(name = "Pavilion EMR bulk-access guard", description = "Slows a user who reads or lists "
        + "more distinct patients than a person at work would, and audits an alert (BULK_ACCESS_ALERT)")
public @interface HarvestConfig {

    @AttributeDefinition(name = "Distinct patients per window", min = "1", description = "How many different "
            + "patients one user may open or see in search results within the window; beyond it the user's patient "
            + "reads and searches are answered 429 with Retry-After until the window slides.")
    int harvestDistinctPatients() default 200;

    @AttributeDefinition(name = "Window (minutes)", min = "1", description = "Length of the sliding window.")
    int harvestWindowMinutes() default 10;

    @AttributeDefinition(name = "Users tracked at most", min = "1", description = "Bounds memory: the users "
            + "seen least recently are forgotten beyond this number.")
    int harvestTrackedUsers() default 10000;
}
