package org.pavilion.core.internal.rest;

/**
 * The browser's session cookie: the bearer token of a web sign-in, HttpOnly (page scripts never see it), SameSite=Strict
 * and scoped to {@code /api}. A request it authenticates that changes something must also carry
 * {@link #REQUEST_HEADER}, which a cross-site form cannot send (defence in depth beside SameSite).
 */
public final class SessionCookie {

    public static final String NAME = "pavilion_session";

    /** Header the web UI sends on every call; required with the cookie on POST, PUT, PATCH and DELETE. */
    public static final String REQUEST_HEADER = "X-Pavilion-Request";

    private SessionCookie() {
    }

    public static String set(String token, boolean secure) {
        return NAME + "=" + token + "; Path=/api; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    public static String clear(boolean secure) {
        return NAME + "=; Path=/api; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
