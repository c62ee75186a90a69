package org.pavilion.hl7.api;

import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A built message: its type ({@code ORU^R01}), its text (segments separated by CR, MSH-10 the context's control
 * id), and the subject it is about: messages of one subject key (a patient's MRN, an order id) are sent in event
 * order, and a message with a related key (a merge's duplicate) waits for that subject's earlier ones too.
 */
@ProviderType
public record OutboundMessage(String messageType, String text, String subjectKey, String relatedKey) {

    public OutboundMessage {
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(subjectKey, "subjectKey");
        if (text == null || !text.startsWith("MSH")) {
            throw new IllegalArgumentException("an outbound message's text starts with MSH");
        }
    }
}
