package org.pavilion.core.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pavilion authentication", description = "Logins, bearer tokens and account lock-out")
public @interface AuthConfig {

    @AttributeDefinition(description = "Minutes a bearer token stays valid after login")
    int tokenTtlMinutes() default 480;

    @AttributeDefinition(description = "Minutes a bearer token or browser session may go unused before it expires; "
            + "0 leaves only the absolute bound (tokenTtlMinutes)")
    int idleTimeoutMinutes() default 30;

    @AttributeDefinition(description = "Failed logins in a row, from one client address, that lock the account for "
            + "that address only")
    int maxFailedLogins() default 5;

    @AttributeDefinition(description = "Password checks (logins, uncached HTTP Basic, password changes) one client "
            + "address may make per minute before it is answered 429 without any hash being computed; 0 turns it off")
    int loginAttemptsPerMinutePerAddress() default 20;

    @AttributeDefinition(description = "Password checks one client address may make at once before the per-minute "
            + "rate applies")
    int loginBurstPerAddress() default 5;

    @AttributeDefinition(description = "Minutes an (account, address) pair stays locked after too many failed logins")
    int lockMinutes() default 15;

    @AttributeDefinition(description = "PBKDF2-HMAC-SHA256 iterations for new password hashes")
    int passwordHashIterations() default PasswordHasher.DEFAULT_ITERATIONS;

    @AttributeDefinition(description = "Minimum length of a new password")
    int minPasswordLength() default 12;

    @AttributeDefinition(description = "Seconds a verified HTTP Basic credential is remembered, so integrations "
            + "do not pay a password hash per request; 0 turns the cache off")
    int basicCacheSeconds() default 60;

    @AttributeDefinition(description = "Seconds after which a signed-in user's roles and privileges are read again, "
            + "so a changed role or grant takes effect within this bound, also from another container on the same "
            + "database; 0 reads them on every request")
    int privilegeRefreshSeconds() default 5;

    @AttributeDefinition(description = "Minutes a self-service password reset link stays valid")
    int passwordResetMinutes() default 30;
}
