package org.pavilion.hl7.api;

import org.osgi.annotation.versioning.ProviderType;

/** Content a handler cannot take: answered AE with the error's location and code; the message is parked. */
@ProviderType
public class Hl7ContentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Hl7Error error;

    public Hl7ContentException(Hl7Error error) {
        super(error.text());
        this.error = error;
    }

    public Hl7Error error() {
        return error;
    }
}
