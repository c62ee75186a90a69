package org.pavilion.notifications.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A way to deliver a message: the built-in {@code EMAIL} (SMTP) and {@code SMS} (HTTP gateway), or a vendor's channel.
 * Register an implementation as an OSGi service with the property {@link #CHANNEL_PROPERTY} set to {@link #name()};
 * rules may then name that channel. The dispatcher calls {@link #send} with batches of due messages of this channel,
 * one batch at a time per container, and records each outcome in the delivery log; it retries {@link
 * SendOutcome.Status#RETRY} with back-off and never retries {@link SendOutcome.Status#FAILED}.
 *
 * <p>Never log or return a credential in {@link SendOutcome#answer()}: it is shown to staff in the delivery log.
 */
@ConsumerType
public interface NotificationChannel {

    /** Service property naming the channel, e.g. {@code pavilion.notification.channel=WHATSAPP}. */
    String CHANNEL_PROPERTY = "pavilion.notification.channel";

    /** The channel's name as rules spell it: upper case letters, digits and {@code _}, e.g. {@code EMAIL}. */
    String name();

    /** Which of a recipient's addresses this channel needs: their e-mail address or their (mobile) phone number. */
    AddressKind addressKind();

    /**
     * Sends {@code messages}, all of this channel; answers one outcome per message in the same order. A channel that
     * can reuse a connection for the batch (SMTP) should. Must not throw for one bad message: answer FAILED or RETRY
     * for it; an exception marks every message of the batch RETRY.
     */
    List<SendOutcome> send(List<OutgoingMessage> messages);

    /** The kind of address a channel delivers to. */
    @ProviderType
    enum AddressKind {
        EMAIL, PHONE
    }
}
