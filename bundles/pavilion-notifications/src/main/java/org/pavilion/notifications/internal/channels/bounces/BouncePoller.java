package org.pavilion.notifications.internal.channels.bounces;

import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.pavilion.notifications.internal.channels.email.MailSessions;
import org.pavilion.notifications.internal.channels.sms.SecretMask;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look into the bounce mailbox: every unread mail that is a bounce of ours is reported BOUNCED and deleted; a mail
 * without one of our ids (or with an id the log no longer knows) is left flagged SEEN for a person, and not looked at
 * again. A mail whose report fails (database down) stays unread for the next look.
 */
public class BouncePoller {

    private static final Logger LOG = LoggerFactory.getLogger(BouncePoller.class);

    private final ImapSettings settings;
    private final BounceParser parser;
    private final NotificationQueue queue;

    public BouncePoller(ImapSettings settings, NotificationQueue queue) {
        this.settings = settings;
        this.parser = new BounceParser(settings.envelopeFrom());
        this.queue = queue;
    }

    /** What one look did. */
    public record Result(int bounced, int ignored, int leftUnread) {
    }

    public Result poll() throws MessagingException {
        return MailSessions.withBundleLoader(this::pollMailbox);
    }

    private Result pollMailbox() throws MessagingException {
        Store store = MailSessions.session(properties()).getStore("imap");
        store.connect(settings.host(), settings.port(), settings.username(), settings.password());
        int bounced = 0;
        int ignored = 0;
        int leftUnread = 0;
        try {
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message mail : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    switch (handle(mail)) {
                        case BOUNCED -> bounced++;
                        case IGNORED -> ignored++;
                        default -> leftUnread++;
                    }
                }
            } finally {
                folder.close(true);
            }
        } finally {
            store.close();
        }
        if (bounced + ignored + leftUnread > 0) {
            LOG.info("Bounce mailbox: {} bounced, {} left for a person, {} to retry", bounced, ignored, leftUnread);
        }
        return new Result(bounced, ignored, leftUnread);
    }

    private enum Handled {
        BOUNCED, IGNORED, UNREAD
    }

    private Handled handle(Message mail) throws MessagingException {
        Optional<Bounce> bounce;
        try {
            bounce = parser.parse(mail);
        } catch (java.io.IOException | MessagingException | RuntimeException e) {
            LOG.warn("Unreadable mail in the bounce mailbox: {}", e.toString());
            mail.setFlag(Flags.Flag.SEEN, true);
            return Handled.IGNORED;
        }
        if (bounce.isEmpty()) {
            mail.setFlag(Flags.Flag.SEEN, true);
            return Handled.IGNORED;
        }
        Bounce b = bounce.get();
        if (!b.permanent()) {
            // A "delayed" notice: the server keeps trying; nothing to record.
            mail.setFlag(Flags.Flag.DELETED, true);
            return Handled.IGNORED;
        }
        boolean known;
        try {
            known = queue.report(b.notificationId(), null, NotificationQueue.Report.BOUNCED, b.answer());
        } catch (RuntimeException e) {
            LOG.warn("Bounce of {} not recorded, kept for the next look: {}", b.notificationId(), e.toString());
            return Handled.UNREAD;
        }
        if (known) {
            mail.setFlag(Flags.Flag.DELETED, true);
            return Handled.BOUNCED;
        }
        LOG.info("Bounce of unknown notification {} left in the mailbox", b.notificationId());
        mail.setFlag(Flags.Flag.SEEN, true);
        return Handled.IGNORED;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", "10000");
        p.setProperty("mail.imap.timeout", "30000");
        // Reading a mail must not mark it SEEN: one we could not record stays unread for the next look.
        p.setProperty("mail.imap.peek", "true");
        switch (settings.security()) {
            case "SSL" -> p.setProperty("mail.imap.ssl.enable", "true");
            case "STARTTLS" -> {
                p.setProperty("mail.imap.starttls.enable", "true");
                p.setProperty("mail.imap.starttls.required", "true");
            }
            default -> { }
        }
        return p;
    }

    /** An error text fit for the log: without the mailbox password. */
    String describe(Exception e) {
        return SecretMask.mask(String.valueOf(e.getMessage()), settings.password());
    }
}
