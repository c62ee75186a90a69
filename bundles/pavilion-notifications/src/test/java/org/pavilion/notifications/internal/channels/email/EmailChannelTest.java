package org.pavilion.notifications.internal.channels.email;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.notifications.api.NotificationChannel;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.api.SendOutcome.Status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** The morning's appointment confirmations leave the Hôpital Nord by e-mail, in French. */
public class EmailChannelTest {

    private GreenMail smtp;

    @Before
    public void startMailServer() {
        smtp = new GreenMail(new ServerSetup(Loopback.freePort(), Loopback.HOST, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @After
    public void stopMailServer() {
        smtp.stop();
    }

    @Test
    public void threeConfirmationsInFrenchGoOutWithStableIdsAndOurHeader() throws Exception {
        EmailChannel channel = new EmailChannel(Loopback.smtp(smtp.getSmtp().getPort(), "", "",
                "bounces+{id}@hopital-nord.fr"));
        List<OutgoingMessage> batch = List.of(
                confirmation("nt-1001", "helene.leclerc@example.fr", "Hélène Lefèvre"),
                confirmation("nt-1002", "francois.garcon@example.fr", "François Garçon"),
                confirmation("nt-1003", "noemie.joel@example.fr", "Noémie Joël"));

        List<SendOutcome> outcomes = channel.send(batch);

        assertEquals(3, outcomes.size());
        for (int i = 0; i < 3; i++) {
            SendOutcome o = outcomes.get(i);
            assertEquals(o.answer(), Status.SENT, o.status());
            assertTrue("the server's reply is the answer: " + o.answer(), o.answer().startsWith("250"));
            assertEquals("<" + batch.get(i).notificationId() + "@pavilion>", o.providerMessageId());
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(3, received.length);
        for (int i = 0; i < 3; i++) {
            MimeMessage mail = received[i];
            OutgoingMessage sent = batch.get(i);
            assertEquals("<" + sent.notificationId() + "@pavilion>", mail.getMessageID());
            assertArrayEquals(new String[] {sent.notificationId()}, mail.getHeader(EmailChannel.HEADER));
            assertArrayEquals(new String[] {"fr"}, mail.getContentLanguage());
            assertEquals("Votre rendez-vous du lundi 7 décembre à 09:30", mail.getSubject());
            assertTrue(mail.getContentType(), mail.isMimeType("text/plain"));
            assertTrue(mail.getContentType(), mail.getContentType().toLowerCase().contains("utf-8"));
            assertEquals(sent.body(), ((String) mail.getContent()).replace("\r\n", "\n").strip());
            assertEquals(sent.address(), ((InternetAddress) mail.getAllRecipients()[0]).getAddress());
            InternetAddress from = (InternetAddress) mail.getFrom()[0];
            assertEquals("rendezvous@hopital-nord.fr", from.getAddress());
            assertEquals("Hôpital Nord", from.getPersonal());
            assertEquals("accueil@hopital-nord.fr", ((InternetAddress) mail.getReplyTo()[0]).getAddress());
            // VERP: the Return-Path carries the id, so a bounce names the message even without its headers.
            assertEquals("<bounces+" + sent.notificationId() + "@hopital-nord.fr>",
                    mail.getHeader("Return-Path")[0]);
        }
    }

    @Test
    public void whenTheMailServerIsDownEveryMessageWaitsForTheNextAttempt() {
        int nobodyListens = Loopback.freePort();
        EmailChannel channel = new EmailChannel(Loopback.smtp(nobodyListens, "", "", ""));

        List<SendOutcome> outcomes = channel.send(List.of(
                confirmation("nt-2001", "a.martin@example.fr", "Anne Martin"),
                confirmation("nt-2002", "b.petit@example.fr", "Bruno Petit")));

        assertEquals(2, outcomes.size());
        for (SendOutcome o : outcomes) {
            assertEquals(Status.RETRY, o.status());
            assertTrue(o.answer(), o.answer().startsWith("Cannot connect to 127.0.0.1:" + nobodyListens));
        }
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    public void aMistypedSenderInTheConfigurationKeepsTheMessagesWaitingRatherThanFailingThem() {
        SmtpSettings good = Loopback.smtp(smtp.getSmtp().getPort(), "", "", "");
        EmailChannel channel = new EmailChannel(new SmtpSettings(good.host(), good.port(), good.security(), "", "",
                "rendezvous@@hopital-nord.fr", "", "", "", 2000, 5000));

        List<SendOutcome> outcomes = channel.send(List.of(confirmation("nt-2101", "a.martin@example.fr", "Anne Martin")));

        assertEquals(Status.RETRY, outcomes.get(0).status());
        assertTrue(outcomes.get(0).answer(), outcomes.get(0).answer().startsWith("The configured sender"));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    public void theChannelIsTheBuiltInEmailOne() {
        EmailChannel channel = new EmailChannel(Loopback.smtp(smtp.getSmtp().getPort(), "", "", ""));
        assertEquals("EMAIL", channel.name());
        assertEquals(NotificationChannel.AddressKind.EMAIL, channel.addressKind());
    }

    static OutgoingMessage confirmation(String id, String address, String name) {
        return new OutgoingMessage(id, address, "Votre rendez-vous du lundi 7 décembre à 09:30",
                "Bonjour " + name + ",\n\nvotre rendez-vous avec le Dr Érick Bérénice est confirmé le lundi "
                        + "7 décembre 2026 à 09:30, bâtiment C, 2e étage.\n\nÀ bientôt,\nl'accueil de l'Hôpital Nord",
                "fr", false);
    }
}
