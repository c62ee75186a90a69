package org.pavilion.events.api;

import org.osgi.annotation.versioning.ProviderType;

/** Names shared by publishers and subscribers of the event bus. */
@ProviderType
public final class Events {

    /** The Camel component scheme of subscriber routes: {@code pavilion-event:<subscriber>?types=A,B}. */
    public static final String SCHEME = "pavilion-event";

    /** The event's id (a UUID string): the same on every redelivery, so subscribers stay idempotent. */
    public static final String HEADER_ID = "PavilionEventId";

    /** The event type, e.g. {@code PatientRegistered}. */
    public static final String HEADER_TYPE = "PavilionEventType";

    /** When the event was published, a {@link java.time.Instant}. */
    public static final String HEADER_OCCURRED_AT = "PavilionEventOccurredAt";

    /** Symbolic name of the bundle that published the event. */
    public static final String HEADER_SOURCE = "PavilionEventSource";

    /**
     * The event's subject key ({@code patient:<MRN>}, {@code appointment:<id>}, ...) when it was published with one;
     * absent otherwise. Events of one key reach each subscriber in publishing order. @since 1.2
     */
    public static final String HEADER_SUBJECT = "PavilionEventSubject";

    /** Longest subject key accepted. @since 1.2 */
    public static final int SUBJECT_KEY_MAX_LENGTH = 200;

    /** The subscriber this delivery is for. */
    public static final String HEADER_SUBSCRIBER = "PavilionEventSubscriber";

    /** 1 on the first delivery attempt, then 2, 3, ... while the subscriber keeps failing. */
    public static final String HEADER_ATTEMPT = "PavilionEventAttempt";

    /** What an event type and a subscriber name must look like (types are listed comma-separated in URIs). */
    public static final String NAME_PATTERN = "[A-Za-z][A-Za-z0-9_.-]{0,99}";

    private Events() {
    }
}
