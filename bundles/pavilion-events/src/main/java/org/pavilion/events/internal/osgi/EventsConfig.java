package org.pavilion.events.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pavilion event bus", description = "Outbox relay timing, retries and retention")
public @interface EventsConfig {

    @AttributeDefinition(description = "How often the relay polls, in ms; a change restarts the relay route")
    long pollIntervalMs() default 200;

    @AttributeDefinition(description = "Delay before retrying a failed delivery, in ms; doubled per attempt")
    long backoffBaseMs() default 1000;

    @AttributeDefinition(description = "Longest delay between two delivery attempts, in ms")
    long backoffMaxMs() default 300_000;

    @AttributeDefinition(description = "Attempts before a delivery is parked as a dead letter")
    int maxAttempts() default 10;

    @AttributeDefinition(description = "Events fanned out and deliveries made per poll at most")
    int batchSize() default 100;

    @AttributeDefinition(description = "Hours a stopped subscriber keeps getting events stored for it; then they are parked")
    long subscriptionRetentionHours() default 168;

    @AttributeDefinition(description = "Hours delivered events are kept before they are deleted")
    long deliveredRetentionHours() default 168;
}
