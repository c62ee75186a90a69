package org.pavilion.core.api.rest;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The REST resources the platform serves now, for what describes the API (the OpenAPI document of
 * {@code pavilion-openapi}). The platform core registers this service; departments do not implement it.
 * {@link #current()} is one consistent snapshot whose {@link Snapshot#generation() generation} changes whenever a
 * resource is published or withdrawn, so a reader can keep what it derived from a snapshot until the generation moves.
 */
@ProviderType
public interface RestDirectory {

    /** What is published at this moment. */
    Snapshot current();

    /**
     * @param generation changes with every publication or withdrawal (never repeats for the life of the service)
     * @param resources the published resources, in no particular order
     */
    @ProviderType
    record Snapshot(long generation, List<PublishedResource> resources) {
        public Snapshot {
            resources = List.copyOf(resources);
        }
    }

    /**
     * One published JAX-RS resource. Refused resources (deny by default) are never listed.
     *
     * @param address its full path, e.g. {@code /api/v1/emr/patients}
     * @param resourceClass the class whose JAX-RS annotations CXF serves at that address
     * @param module the {@code Pavilion-Module} name of the bundle that registered it (its symbolic name without one)
     * @param bundleId that bundle's id
     */
    @ProviderType
    record PublishedResource(String address, Class<?> resourceClass, String module, long bundleId) {
    }
}
