package org.pavilion.events.internal;

/** A database failure of the event tables; the relay retries on its next tick. */
public class EventStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
