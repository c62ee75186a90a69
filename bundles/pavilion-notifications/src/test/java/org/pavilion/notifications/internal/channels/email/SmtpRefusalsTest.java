package org.pavilion.notifications.internal.channels.email;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.pavilion.notifications.api.OutgoingMessage;
import org.pavilion.notifications.api.SendOutcome;
import org.pavilion.notifications.api.SendOutcome.Status;

/** What the hospital's relay refuses: an unknown mailbox for good, a busy one for now, and a mistyped address. */
public class SmtpRefusalsTest {

    private static final String PASSWORD = "Tr0mb0ne-Secret!";

    @Test
    public void eachMessageOfABatchGetsItsOwnOutcomeOverOneConnection() throws Exception {
        try (FakeSmtpServer relay = new FakeSmtpServer()
                .refuse("parti@example.fr", "550 5.1.1 <parti@example.fr>: Recipient address rejected: User unknown")
                .refuse("plein@example.fr", "452 4.2.2 <plein@example.fr>: Mailbox full, try later")) {
            EmailChannel channel = new EmailChannel(Loopback.smtp(relay.port(), "", "", ""));

            List<SendOutcome> outcomes = channel.send(List.of(
                    message("nt-3001", "c.roux@example.fr"),
                    message("nt-3002", "parti@example.fr"),
                    message("nt-3003", "jean dupont@@example"),
                    message("nt-3004", "plein@example.fr"),
                    message("nt-3005", "d.moreau@example.fr")));

            assertEquals(Status.SENT, outcomes.get(0).status());
            assertTrue(outcomes.get(0).answer(), outcomes.get(0).answer().startsWith("250 2.0.0 Ok: queued"));
            assertEquals(Status.FAILED, outcomes.get(1).status());
            assertEquals("550 5.1.1 <parti@example.fr>: Recipient address rejected: User unknown",
                    outcomes.get(1).answer());
            assertEquals(Status.FAILED, outcomes.get(2).status());
            assertTrue(outcomes.get(2).answer(), outcomes.get(2).answer().startsWith("Invalid address"));
            assertEquals(Status.RETRY, outcomes.get(3).status());
            assertTrue(outcomes.get(3).answer(), outcomes.get(3).answer().startsWith("452 4.2.2"));
            assertEquals(Status.SENT, outcomes.get(4).status());

            assertEquals("the whole batch went over one SMTP connection", 1, relay.connections.get());
            assertEquals(2, relay.accepted.size());
            assertTrue(relay.accepted.get(0).startsWith("c.roux@example.fr\n"));
            assertTrue(relay.accepted.get(1).startsWith("d.moreau@example.fr\n"));
        }
    }

    @Test
    public void aSenderTheRelayRefusesIsOurConfigurationSoTheMessagesWait() throws Exception {
        try (FakeSmtpServer relay = new FakeSmtpServer()
                .refuseSender("553 5.7.1 <rendezvous@hopital-nord.fr>: Sender address rejected: not owned by user")) {
            EmailChannel channel = new EmailChannel(Loopback.smtp(relay.port(), "", "", ""));

            List<SendOutcome> outcomes = channel.send(List.of(message("nt-3101", "h.lambert@example.fr"),
                    message("nt-3102", "i.faure@example.fr")));

            for (SendOutcome o : outcomes) {
                assertEquals(o.answer(), Status.RETRY, o.status());
                assertTrue(o.answer(), o.answer().startsWith("553 5.7.1"));
            }
            assertEquals(0, relay.accepted.size());
        }
    }

    @Test
    public void thePasswordNeverReachesAnAnswerEvenWhenTheServerEchoesIt() throws Exception {
        try (FakeSmtpServer relay = new FakeSmtpServer().refuseAuthEchoingCredentials()) {
            EmailChannel channel = new EmailChannel(Loopback.smtp(relay.port(), "notifications", PASSWORD, ""));

            List<SendOutcome> outcomes = channel.send(List.of(message("nt-4001", "e.blanc@example.fr"),
                    message("nt-4002", "f.noir@example.fr")));

            for (SendOutcome o : outcomes) {
                assertEquals(Status.RETRY, o.status());
                assertTrue(o.answer(), o.answer().contains("535 5.7.8 Authentication failed for"));
                assertTrue("the echoed password is masked: " + o.answer(), o.answer().contains("***"));
                assertFalse(o.answer(), o.answer().contains(PASSWORD));
            }
            assertFalse(Loopback.smtp(relay.port(), "notifications", PASSWORD, "").toString().contains(PASSWORD));
        }
    }

    @Test
    public void withTheRightCredentialsTheServersReplyIsTheAnswer() throws Exception {
        try (FakeSmtpServer relay = new FakeSmtpServer()) {
            EmailChannel channel = new EmailChannel(Loopback.smtp(relay.port(), "notifications", PASSWORD, ""));

            SendOutcome o = channel.send(List.of(message("nt-5001", "g.vert@example.fr"))).get(0);

            assertEquals(Status.SENT, o.status());
            assertEquals("250 2.0.0 Ok: queued as Q1", o.answer());
            assertTrue(relay.accepted.get(0).contains("Message-ID: <nt-5001@pavilion>"));
        }
    }

    private static OutgoingMessage message(String id, String address) {
        return new OutgoingMessage(id, address, "Rappel : rendez-vous demain", "Votre rendez-vous est demain à 10:15.",
                "fr", false);
    }
}
