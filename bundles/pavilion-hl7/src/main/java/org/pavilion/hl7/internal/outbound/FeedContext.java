package org.pavilion.hl7.internal.outbound;

import java.time.Instant;
import java.time.ZoneId;

import org.pavilion.hl7.api.OutboundContext;

/** A feed's configuration and one message's control id and time, as builders see them. */
record FeedContext(FeedSettings settings, String controlId, Instant occurredAt, ZoneId zone)
        implements OutboundContext {

    @Override
    public String feed() {
        return settings.name();
    }

    @Override
    public String version() {
        return settings.version();
    }

    @Override
    public String sendingApplication() {
        return settings.sendingApplication();
    }

    @Override
    public String sendingFacility() {
        return settings.sendingFacility();
    }

    @Override
    public String receivingApplication() {
        return settings.receivingApplication();
    }

    @Override
    public String receivingFacility() {
        return settings.receivingFacility();
    }

    @Override
    public String processingId() {
        return settings.processingId();
    }

    @Override
    public String characterSet() {
        return AdtBuilder.msh18(settings.charset().name());
    }

    @Override
    public String mrnAuthority() {
        return settings.mrnAuthority();
    }
}
