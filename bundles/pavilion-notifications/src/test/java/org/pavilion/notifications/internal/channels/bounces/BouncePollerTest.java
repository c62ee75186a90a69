package org.pavilion.notifications.internal.channels.bounces;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.internal.channels.bounces.RecordingQueue.Reported;
import org.pavilion.notifications.internal.channels.email.EmailChannel;
import org.pavilion.notifications.internal.channels.email.Loopback;
import org.pavilion.notifications.internal.queue.NotificationQueue.Report;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Mail the hospital sent comes back: a DSN quoting our headers, an old-style bounce to the VERP address, a delay notice,
 * and a patient's reply that is not a bounce at all, all in the bounce mailbox.
 */
public class BouncePollerTest {

    private static final String VERP = "bounces+{id}@hopital-nord.fr";
    private static final String IMAP_PASSWORD = "imap-Secr3t";
    private static final String DIAGNOSTIC = "550 5.1.1 <jean.dupont@example.fr>: Recipient address rejected: "
            + "User unknown in virtual mailbox table";

    private GreenMail mail;
    private GreenMailUser mailbox;

    @Before
    public void startMailServer() {
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(Loopback.freePort(), Loopback.HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(Loopback.freePort(), Loopback.HOST, ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mailbox = mail.setUser("bounces@hopital-nord.fr", "bounces", IMAP_PASSWORD);
    }

    @After
    public void stopMailServer() {
        mail.stop();
    }

    @Test
    public void aDeliveryStatusNotificationOfOurMailIsReportedBouncedAndDeleted() throws Exception {
        MimeMessage original = sendConfirmation("nt-b1", "jean.dupont@example.fr");
        mailbox.deliver(dsn(original, "failed", DIAGNOSTIC));
        RecordingQueue queue = new RecordingQueue().knowing("nt-b1");

        BouncePoller.Result result = poller(queue).poll();

        assertEquals(List.of(new Reported("nt-b1", null, Report.BOUNCED, DIAGNOSTIC)), queue.reports);
        assertEquals(new BouncePoller.Result(1, 0, 0), result);
        assertEquals("the bounce was deleted", List.of(), subjectsInMailbox());
    }

    @Test
    public void aPlainBounceToTheVerpAddressIsFoundByItsRecipient() throws Exception {
        mailbox.deliver(parse("From: MAILER-DAEMON@old-isp.example\r\n"
                + "To: bounces+nt-b2@hopital-nord.fr\r\n"
                + "Subject: failure notice\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "Hi. This is the qmail-send program at old-isp.example.\r\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n"
                + "<marie.curie@old-isp.example>:\r\n"
                + "550 5.1.1 mailbox unavailable\r\n"));
        RecordingQueue queue = new RecordingQueue().knowing("nt-b2");

        poller(queue).poll();

        assertEquals(List.of(new Reported("nt-b2", null, Report.BOUNCED, "550 5.1.1 mailbox unavailable")),
                queue.reports);
        assertEquals(List.of(), subjectsInMailbox());
    }

    @Test
    public void mailThatIsNotOursIsLeftSeenForAPersonAndNotLookedAtAgain() throws Exception {
        mailbox.deliver(parse("From: paul.henry@example.fr\r\n"
                + "To: bounces@hopital-nord.fr\r\n"
                + "Subject: Parking pour mon rendez-vous ?\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Bonjour, où puis-je me garer jeudi ?\r\n"));
        MimeMessage forgotten = sendConfirmation("nt-purged", "old.patient@example.fr");
        mailbox.deliver(dsn(forgotten, "failed", DIAGNOSTIC));
        RecordingQueue queue = new RecordingQueue();

        assertEquals(new BouncePoller.Result(0, 2, 0), poller(queue).poll());
        assertEquals(new BouncePoller.Result(0, 0, 0), poller(queue).poll());

        assertEquals(List.of(), queue.reports);
        assertEquals(List.of("Parking pour mon rendez-vous ?", "Undelivered Mail Returned to Sender"),
                subjectsInMailbox());
        assertTrue(allSeen());
    }

    @Test
    public void aDelayNoticeRecordsNothing() throws Exception {
        MimeMessage original = sendConfirmation("nt-b3", "lent@example.fr");
        mailbox.deliver(dsn(original, "delayed", "451 4.4.1 no answer from host"));
        RecordingQueue queue = new RecordingQueue().knowing("nt-b3");

        poller(queue).poll();

        assertEquals(List.of(), queue.reports);
        assertEquals(List.of(), subjectsInMailbox());
    }

    @Test
    public void aBounceThatCannotBeRecordedNowIsRecordedAtTheNextLook() throws Exception {
        MimeMessage original = sendConfirmation("nt-b4", "jean.dupont@example.fr");
        mailbox.deliver(dsn(original, "failed", DIAGNOSTIC));
        RecordingQueue queue = new RecordingQueue().knowing("nt-b4");
        queue.down(true);

        assertEquals(new BouncePoller.Result(0, 0, 1), poller(queue).poll());
        assertEquals("still there and unread", List.of("Undelivered Mail Returned to Sender"), subjectsInMailbox());

        queue.down(false);
        assertEquals(new BouncePoller.Result(1, 0, 0), poller(queue).poll());
        assertEquals(List.of(new Reported("nt-b4", null, Report.BOUNCED, DIAGNOSTIC)), queue.reports);
    }

    @Test
    public void theMailboxPasswordIsNotInTheSettingsText() {
        ImapSettings settings = settings();
        assertTrue(settings.toString().contains("bounces@127.0.0.1"));
        assertFalse(settings.toString().contains(IMAP_PASSWORD));
    }

    private BouncePoller poller(RecordingQueue queue) {
        return new BouncePoller(settings(), queue);
    }

    private ImapSettings settings() {
        return new ImapSettings(Loopback.HOST, mail.getImap().getPort(), "NONE", "bounces", IMAP_PASSWORD, "INBOX", 60,
                VERP);
    }

    /** Sends a confirmation through the real e-mail channel and returns it as the patient's server received it. */
    private MimeMessage sendConfirmation(String id, String to) throws Exception {
        EmailChannel channel = new EmailChannel(Loopback.smtp(mail.getSmtp().getPort(), "", "", VERP));
        SendOutcome outcome = channel.send(List.of(new OutgoingMessage(id, to, "Votre rendez-vous",
                "Bonjour, votre rendez-vous est confirmé.", "fr", false))).get(0);
        assertEquals(SendOutcome.Status.SENT, outcome.status());
        return mail.findReceivedMessages(u -> u.getEmail().equals(to), m -> true).findFirst().orElseThrow();
    }

    /** A Postfix-style delivery status notification quoting {@code original}'s headers. */
    private static MimeMessage dsn(MimeMessage original, String action, String diagnostic) throws Exception {
        StringBuilder headers = new StringBuilder();
        for (String line : Collections.list(original.getAllHeaderLines())) {
            headers.append(line).append("\r\n");
        }
        String status = diagnostic.substring(4, 9);
        return parse("From: MAILER-DAEMON@mx.example.fr (Mail Delivery System)\r\n"
                + "To: bounces@hopital-nord.fr\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: <20261205083012.4F2A1@mx.example.fr>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"4F2A1.1733387412/mx\"\r\n"
                + "\r\n"
                + "--4F2A1.1733387412/mx\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system at host mx.example.fr.\r\n\r\n"
                + "I'm sorry to have to inform you that your message could not be delivered.\r\n\r\n"
                + "--4F2A1.1733387412/mx\r\n"
                + "Content-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.fr\r\n"
                + "Arrival-Date: Sat,  5 Dec 2026 08:30:11 +0100 (CET)\r\n\r\n"
                + "Final-Recipient: rfc822; jean.dupont@example.fr\r\n"
                + "Action: " + action + "\r\n"
                + "Status: " + status + "\r\n"
                + "Diagnostic-Code: smtp; " + diagnostic + "\r\n\r\n"
                + "--4F2A1.1733387412/mx\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\n"
                + headers
                + "\r\n--4F2A1.1733387412/mx--\r\n");
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> subjectsInMailbox() throws Exception {
        List<String> subjects = new ArrayList<>();
        withInbox(inbox -> {
            for (Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
        });
        return subjects;
    }

    private boolean allSeen() throws Exception {
        boolean[] seen = {true};
        withInbox(inbox -> {
            for (Message m : inbox.getMessages()) {
                seen[0] &= m.isSet(Flags.Flag.SEEN);
            }
        });
        return seen[0];
    }

    private interface InboxWork {
        void run(Folder inbox) throws Exception;
    }

    private void withInbox(InboxWork work) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.imap.peek", "true");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(Loopback.HOST, mail.getImap().getPort(), "bounces", IMAP_PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                work.run(inbox);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
