package org.pavilion.core.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the platform that reports its health (the Camel context, an MLLP listener, a feed). Registered
 * as an OSGi service; the health endpoint calls every contributor on each request, so keep checks cheap.
 */
@ConsumerType
public interface HealthContributor {

    /** Short stable name, e.g. {@code camel}. */
    String name();

    HealthCheck check();

    /** When true, this contributor being DOWN makes the whole platform answer 503. */
    default boolean essential() {
        return false;
    }
}
