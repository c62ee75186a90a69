package org.pavilion.core.internal;

import java.lang.annotation.Annotation;

import org.pavilion.core.internal.security.AuthConfig;
import org.pavilion.core.internal.security.PrivilegeDeclaration;
import org.pavilion.core.internal.security.RoleStore;

/** Configuration as Config Admin would hand it to a component. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static AuthConfig auth(int maxFailedLogins, int basicCacheSeconds) {
        return auth(maxFailedLogins, basicCacheSeconds, 5);
    }

    /** Declares the core's own privileges (from its real privilege file) as the registry would at start-up. */
    public static void declareCorePrivileges(RoleStore store) throws java.io.IOException {
        try (java.io.InputStream in = TestConfigs.class.getClassLoader()
                .getResourceAsStream("OSGI-INF/pavilion/privileges.properties")) {
            store.declare("platform", PrivilegeDeclaration.parse(in, "core"), System.currentTimeMillis());
        }
    }

    public static AuthConfig auth(int maxFailedLogins, int basicCacheSeconds, int privilegeRefreshSeconds) {
        return auth(maxFailedLogins, basicCacheSeconds, privilegeRefreshSeconds, 0, 5, 0);
    }

    /**
     * {@code attemptsPerMinute}: the per-address login throttle (0 off, as in the older tests that sign in often);
     * {@code idleMinutes}: the idle session bound (0 off).
     */
    public static AuthConfig auth(int maxFailedLogins, int basicCacheSeconds, int privilegeRefreshSeconds,
            int attemptsPerMinute, int burst, int idleMinutes) {
        return new AuthConfig() {
            @Override public int idleTimeoutMinutes() { return idleMinutes; }
            @Override public int loginAttemptsPerMinutePerAddress() { return attemptsPerMinute; }
            @Override public int loginBurstPerAddress() { return burst; }
            @Override public Class<? extends Annotation> annotationType() { return AuthConfig.class; }
            @Override public int tokenTtlMinutes() { return 60; }
            @Override public int maxFailedLogins() { return maxFailedLogins; }
            @Override public int lockMinutes() { return 15; }
            @Override public int passwordHashIterations() { return 10_000; }
            @Override public int minPasswordLength() { return 12; }
            @Override public int basicCacheSeconds() { return basicCacheSeconds; }
            @Override public int privilegeRefreshSeconds() { return privilegeRefreshSeconds; }
            @Override public int passwordResetMinutes() { return 30; }
        };
    }

    /** An HTTP request whose only answer is its client address (the login and filter read no more of it). */
    public static javax.servlet.http.HttpServletRequest requestFrom(String address) {
        return (javax.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
                TestConfigs.class.getClassLoader(), new Class<?>[] {javax.servlet.http.HttpServletRequest.class},
                (proxy, method, args) -> "getRemoteAddr".equals(method.getName()) ? address : null);
    }
}
