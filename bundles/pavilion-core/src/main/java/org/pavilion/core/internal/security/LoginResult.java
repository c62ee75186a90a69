package org.pavilion.core.internal.security;

/** A bearer token issued at login. */
public final class LoginResult {

    private final String token;
    private final long expiresMs;
    private final AuthenticatedCaller caller;

    LoginResult(String token, long expiresMs, AuthenticatedCaller caller) {
        this.token = token;
        this.expiresMs = expiresMs;
        this.caller = caller;
    }

    public String token() { return token; }
    public long expiresMs() { return expiresMs; }
    public AuthenticatedCaller caller() { return caller; }
}
