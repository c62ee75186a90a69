package org.pavilion.core.internal;

import java.lang.annotation.Annotation;

import org.pavilion.core.internal.security.AuthConfig;

/** Configuration as Config Admin would hand it to a component. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static AuthConfig auth(int maxFailedLogins, int basicCacheSeconds) {
        return new AuthConfig() {
            @Override public Class<? extends Annotation> annotationType() { return AuthConfig.class; }
            @Override public int tokenTtlMinutes() { return 60; }
            @Override public int maxFailedLogins() { return maxFailedLogins; }
            @Override public int lockMinutes() { return 15; }
            @Override public int passwordHashIterations() { return 10_000; }
            @Override public int minPasswordLength() { return 12; }
            @Override public int basicCacheSeconds() { return basicCacheSeconds; }
        };
    }
}
