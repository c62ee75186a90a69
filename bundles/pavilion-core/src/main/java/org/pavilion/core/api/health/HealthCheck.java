package org.pavilion.core.api.health;

import org.osgi.annotation.versioning.ProviderType;

/** The result of one health check. */
@ProviderType
public final class HealthCheck {

    @ProviderType
    public enum Status { UP, DOWN }

    private final Status status;
    private final String detail;

    private HealthCheck(Status status, String detail) {
        this.status = status;
        this.detail = detail;
    }

    public static HealthCheck up(String detail) {
        return new HealthCheck(Status.UP, detail);
    }

    public static HealthCheck down(String detail) {
        return new HealthCheck(Status.DOWN, detail);
    }

    public Status getStatus() { return status; }
    public String getDetail() { return detail; }
}
