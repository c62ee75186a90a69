package org.pavilion.core.internal.security;

/**
 * The refusal every REST call (except the public ones: the change of the own password, the session's "who am I",
 * signing out) and every SOAP call gets while the caller's account must choose a new password. One wording for both.
 */
public final class PasswordChangeRequired {

    /** The problem type's last segment, which the web UI and clients test. */
    public static final String TYPE = "password-change-required";
    public static final String TITLE = "Choose a new password first";
    public static final String DETAIL = "This account must change its password before anything else: POST "
            + "/api/v1/auth/password with currentPassword and newPassword (the web UI asks for it after sign-in)";

    private PasswordChangeRequired() {
    }
}
