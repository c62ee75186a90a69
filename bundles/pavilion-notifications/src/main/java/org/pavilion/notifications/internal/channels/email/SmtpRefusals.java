package org.pavilion.notifications.internal.channels.email;

import java.util.function.UnaryOperator;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.pavilion.notifications.api.SendOutcome;

/**
 * What an SMTP exception means for one message: a recipient refused for good (5xx to RCPT) or a message refused for
 * good (5xx to DATA) is FAILED; a passing refusal (4xx), a refused sender (MAIL FROM: our configuration, fixable) or a
 * dropped connection is RETRY. The answer is the server's own reply line.
 */
final class SmtpRefusals {

    private SmtpRefusals() {
    }

    static SendOutcome outcome(MessagingException e, UnaryOperator<String> mask) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException refused) {
                return byCode(refused.getReturnCode(), mask.apply(reply(refused)), false);
            }
            if (x instanceof SMTPSendFailedException refused && refused.getReturnCode() > 0) {
                boolean sender = refused.getCommand() != null && refused.getCommand().startsWith("MAIL");
                return byCode(refused.getReturnCode(), mask.apply(reply(refused)), sender);
            }
            if (x == x.getCause()) {
                break;
            }
        }
        return SendOutcome.retry(mask.apply("SMTP: " + EmailChannel.describe(e)));
    }

    private static SendOutcome byCode(int code, String answer, boolean sender) {
        return code >= 500 && code < 600 && !sender ? SendOutcome.failed(answer) : SendOutcome.retry(answer);
    }

    private static String reply(MessagingException e) {
        String m = e.getMessage();
        return m == null ? "refused" : m.trim();
    }
}
