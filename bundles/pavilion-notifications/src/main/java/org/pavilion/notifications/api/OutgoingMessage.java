package org.pavilion.notifications.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One rendered message to send.
 *
 * @param notificationId the delivery log's id: stable across retries, so a channel can pass it to the provider as its
 *                       reference (the e-mail's Message-ID, the SMS gateway's client reference) for deduplication
 * @param address        an e-mail address or a phone number in E.164 ({@code +33612345678}), per the channel's kind
 * @param subject        the subject line; null for channels without one (SMS)
 * @param body           plain text
 * @param language       BCP 47 tag of the text, e.g. {@code fr}
 * @param urgent         an urgent staff alert (sent in quiet hours too); a channel may prioritise it
 */
@ProviderType
public record OutgoingMessage(String notificationId, String address, String subject, String body, String language,
        boolean urgent) {
}
