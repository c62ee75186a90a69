package org.pavilion.core.api.security;

import java.time.Instant;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Delivers the platform's messages about an account to its owner (a password reset link by e-mail, ...). Registered
 * by a department that can reach people, such as notifications; the platform calls every registered messenger. With
 * none registered, a requested reset is audited and nothing is sent.
 */
@ConsumerType
public interface AccountMessenger {

    /**
     * A user asked to reset a forgotten password. Called after the token is stored and committed. The token is a
     * secret: a messenger puts it into the link it sends and never logs it. An exception is logged by the platform
     * (without the token) and does not fail the user's request.
     */
    void passwordResetRequested(PasswordResetRequest request);

    /**
     * @param username  the account
     * @param patientId the patient the account belongs to, or null for staff
     * @param token     the single-use reset token (base64url), to confirm at {@code POST /api/v1/auth/password-reset/confirm}
     * @param expiresAt when the token stops being accepted
     */
    @ProviderType
    record PasswordResetRequest(String username, String patientId, String token, Instant expiresAt) {

        public PasswordResetRequest {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** Without the token, so a request that reaches a log reveals no secret. */
        @Override
        public String toString() {
            return "PasswordResetRequest[username=" + username + ", patientId=" + patientId + ", expiresAt=" + expiresAt + "]";
        }
    }
}
