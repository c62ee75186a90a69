package org.pavilion.core.internal.rest;

/** An endpoint the platform published for a bundle. */
public final class PublishedEndpoint {

    private final long bundleId;
    private final String address;

    PublishedEndpoint(long bundleId, String address) {
        this.bundleId = bundleId;
        this.address = address;
    }

    public long bundleId() { return bundleId; }
    /** Full path, e.g. /api/v1/example or /api/soap/example/ExampleService. */
    public String address() { return address; }
}
