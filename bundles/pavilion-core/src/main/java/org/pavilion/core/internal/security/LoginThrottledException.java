package org.pavilion.core.internal.security;

/** Too many password checks from one client address: answer 429 with {@code Retry-After}; no hash was run. */
public class LoginThrottledException extends AuthenticationFailedException {

    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public LoginThrottledException(long retryAfterSeconds) {
        super("Too many sign-in attempts from this address; try again in " + retryAfterSeconds + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
