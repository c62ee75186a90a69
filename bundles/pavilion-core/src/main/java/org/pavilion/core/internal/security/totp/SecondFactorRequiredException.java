package org.pavilion.core.internal.security.totp;

import org.pavilion.core.internal.security.AuthenticationFailedException;

/** The password was right but the account has a second factor and no valid code came with it. */
public class SecondFactorRequiredException extends AuthenticationFailedException {

    private static final long serialVersionUID = 1L;
    /** The problem type's last segment: {@code .../second-factor-required}. */
    public static final String TYPE = "second-factor-required";

    public SecondFactorRequiredException(String message) {
        super(message);
    }
}
