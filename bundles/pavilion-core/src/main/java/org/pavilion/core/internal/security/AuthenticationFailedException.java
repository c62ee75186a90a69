package org.pavilion.core.internal.security;

/** Wrong credentials, a disabled or a locked account; the message is safe to show the caller. */
public class AuthenticationFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
