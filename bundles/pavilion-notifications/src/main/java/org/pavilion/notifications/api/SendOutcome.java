package org.pavilion.notifications.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What became of one message handed to a {@link NotificationChannel}.
 *
 * @param status            SENT, RETRY (a passing failure: server down, timeout, 5xx) or FAILED (will never go: a
 *                          refused address, a 4xx refusal)
 * @param providerMessageId the provider's id for later delivery reports and bounces, or null
 * @param answer            the server's or gateway's answer as staff should read it in the delivery log (at most
 *                          1000 characters kept), never a credential; may be null
 */
@ProviderType
public record SendOutcome(Status status, String providerMessageId, String answer) {

    @ProviderType
    public enum Status {
        SENT, RETRY, FAILED
    }

    public static SendOutcome sent(String providerMessageId, String answer) {
        return new SendOutcome(Status.SENT, providerMessageId, answer);
    }

    public static SendOutcome retry(String answer) {
        return new SendOutcome(Status.RETRY, null, answer);
    }

    public static SendOutcome failed(String answer) {
        return new SendOutcome(Status.FAILED, null, answer);
    }
}
