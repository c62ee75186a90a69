package org.pavilion.notifications.internal.channels.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.pavilion.notifications.api.NotificationChannel;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.internal.channels.sms.SecretMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@code EMAIL} channel: plain-text UTF-8 mail over one SMTP connection per batch. Each mail carries a
 * stable {@code Message-ID: <notificationId@pavilion>} (so a repeat after a crash can be dropped by the receiver) and
 * {@value #HEADER}, which the bounce poller finds again in a returned mail.
 */
public class EmailChannel implements NotificationChannel {

    public static final String NAME = "EMAIL";
    /** Header naming our notification id in every mail we send. */
    public static final String HEADER = "X-Pavilion-Notification";

    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    private final SmtpSettings settings;
    private final Session session;
    private final InternetAddress sender;
    private final InternetAddress[] replyTo;
    /** Why the configured sender cannot be used, or null: a configuration matter, so messages wait (RETRY). */
    private final String senderProblem;

    public EmailChannel(SmtpSettings settings) {
        this.settings = settings;
        this.session = MailSessions.session(properties(settings));
        InternetAddress from = null;
        InternetAddress[] reply = new InternetAddress[0];
        String problem = null;
        try {
            from = settings.fromName().isEmpty() ? new InternetAddress(settings.from(), true)
                    : new InternetAddress(settings.from(), settings.fromName(), StandardCharsets.UTF_8.name());
            from.validate();
            if (!settings.replyTo().isEmpty()) {
                reply = InternetAddress.parse(settings.replyTo(), true);
            }
        } catch (AddressException | UnsupportedEncodingException e) {
            problem = "The configured sender (from, replyTo) is not a valid address: " + e.getMessage();
            LOG.warn("E-mail channel: {}", problem);
        }
        this.sender = from;
        this.replyTo = reply;
        this.senderProblem = problem;
    }

    /** The Message-ID we give a notification's mail. */
    public static String messageId(String notificationId) {
        return "<" + notificationId + "@pavilion>";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.EMAIL;
    }

    @Override
    public List<SendOutcome> send(List<OutgoingMessage> messages) {
        return MailSessions.withBundleLoader(() -> sendAll(messages));
    }

    private List<SendOutcome> sendAll(List<OutgoingMessage> messages) {
        SendOutcome[] outcomes = new SendOutcome[messages.size()];
        if (senderProblem != null) {
            Arrays.fill(outcomes, SendOutcome.retry(senderProblem));
            return Arrays.asList(outcomes);
        }
        Transport transport = null;
        try {
            for (int i = 0; i < outcomes.length; i++) {
                OutgoingMessage m = messages.get(i);
                MimeMessage mime;
                InternetAddress to;
                try {
                    to = recipient(m.address());
                    mime = compose(m, to);
                } catch (AddressException e) {
                    outcomes[i] = SendOutcome.failed("Invalid address: " + e.getMessage());
                    continue;
                } catch (MessagingException e) {
                    outcomes[i] = SendOutcome.failed("Cannot compose the mail: " + mask(e.getMessage()));
                    continue;
                }
                if (transport == null || !transport.isConnected()) {
                    close(transport);
                    try {
                        transport = connect();
                    } catch (MessagingException e) {
                        // Nothing more can go in this batch: the rest waits for the next attempt.
                        String reason = mask("Cannot connect to " + settings.host() + ":" + settings.port() + ": "
                                + describe(e));
                        LOG.warn("E-mail batch of {} not sent: {}", outcomes.length, reason);
                        for (int j = i; j < outcomes.length; j++) {
                            if (outcomes[j] == null) {
                                outcomes[j] = SendOutcome.retry(reason);
                            }
                        }
                        break;
                    }
                }
                outcomes[i] = deliver(transport, mime, to);
            }
        } finally {
            close(transport);
        }
        return Arrays.asList(outcomes);
    }

    private SendOutcome deliver(Transport transport, MimeMessage mime, InternetAddress to) {
        try {
            transport.sendMessage(mime, new Address[] {to});
            return SendOutcome.sent(mime.getMessageID(), mask(lastReply(transport)));
        } catch (MessagingException e) {
            return SmtpRefusals.outcome(e, this::mask);
        }
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        String user = settings.username().isEmpty() ? null : settings.username();
        String password = user == null ? null : settings.password();
        transport.connect(settings.host(), settings.port(), user, password);
        return transport;
    }

    private MimeMessage compose(OutgoingMessage m, InternetAddress to) throws MessagingException {
        SMTPMessage mime = new StableIdMessage(session, messageId(m.notificationId()));
        mime.setFrom(sender);
        if (replyTo.length > 0) {
            mime.setReplyTo(replyTo);
        }
        mime.setRecipient(MimeMessage.RecipientType.TO, to);
        mime.setSubject(m.subject() == null ? "" : m.subject(), StandardCharsets.UTF_8.name());
        mime.setText(m.body() == null ? "" : m.body(), StandardCharsets.UTF_8.name());
        if (m.language() != null && !m.language().isBlank()) {
            mime.setContentLanguage(new String[] {m.language()});
        }
        mime.setHeader(HEADER, m.notificationId());
        mime.setSentDate(new Date());
        String envelope = settings.envelopeFor(m.notificationId());
        if (!envelope.isEmpty()) {
            mime.setEnvelopeFrom(envelope);
        }
        mime.saveChanges();
        return mime;
    }

    private static InternetAddress recipient(String address) throws AddressException {
        if (address == null || address.isBlank()) {
            throw new AddressException("no address");
        }
        InternetAddress a = new InternetAddress(address.trim(), true);
        a.validate();
        return a;
    }

    private static String lastReply(Transport transport) {
        String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
        return reply == null ? "accepted" : reply.trim();
    }

    static String describe(Exception e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !s.toString().contains(c.getMessage())) {
                s.append(": ").append(c.getMessage());
            }
        }
        // Server replies end in a line break; the log and the answer want one line.
        return s.toString().replaceAll("\\s+", " ").trim();
    }

    private String mask(String text) {
        return SecretMask.mask(text, settings.password());
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("Closing the SMTP connection: {}", e.getMessage());
            }
        }
    }

    private static Properties properties(SmtpSettings s) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(s.connectTimeoutMs()));
        p.setProperty("mail.smtp.timeout", Integer.toString(s.timeoutMs()));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(s.timeoutMs()));
        p.setProperty("mail.smtp.auth", Boolean.toString(!s.username().isEmpty()));
        switch (s.security()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case SSL -> p.setProperty("mail.smtp.ssl.enable", "true");
            default -> { }
        }
        if (s.security() != SmtpSettings.Security.NONE) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    /** Keeps the Message-ID we set: Jakarta Mail would make a new one on every {@code saveChanges}. */
    private static final class StableIdMessage extends SMTPMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

}
