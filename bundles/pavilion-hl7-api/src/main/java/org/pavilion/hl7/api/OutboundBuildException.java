package org.pavilion.hl7.api;

import org.osgi.annotation.versioning.ProviderType;

/** An event's payload cannot make a message: the event is queued FAILED with this reason and never sent. */
@ProviderType
public class OutboundBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutboundBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
