package org.pavilion.emr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.pavilion.emr.search.cfg (optional: the defaults suit registries up to millions of patients). */
@ObjectClassDefinition(name = "Pavilion EMR patient search", description = "Counting of search hits")
public @interface SearchConfig {

    @AttributeDefinition(name = "Hits counted per match rank", min = "1", description = "A search counts the hits "
            + "of each match rank (exact, prefix, typo) only up to this many; beyond, the total is a lower bound and "
            + "the answer says so (header Pavilion-Total-Is-Lower-Bound). Counting costs time per hit counted.")
    int countCap() default PatientFinder.DEFAULT_COUNT_CAP;
}
