package org.pavilion.hl7.internal;

/** A message whose content cannot be applied: answered AE with this ERR location and code. */
public class Hl7ContentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Ack.Error error;

    public Hl7ContentException(Ack.Error error, String message) {
        super(message);
        this.error = error;
    }

    public Ack.Error error() {
        return error;
    }
}
