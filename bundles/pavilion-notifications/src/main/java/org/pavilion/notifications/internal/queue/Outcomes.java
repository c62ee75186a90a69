package org.pavilion.notifications.internal.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.pavilion.notifications.api.SendOutcome;

/**
 * Writes what a channel answered for a claimed batch, in the caller's transaction with JDBC batches: the row's new
 * status (SENT; RETRY due again after back-off, FAILED after maxAttempts; FAILED) and one {@code nt_attempt} row per
 * message. A secret text (a password reset link) is cleared once SENT or FAILED.
 */
final class Outcomes {

    private static final String SENT = "update nt_notification set status = 'SENT', attempts = ?, sent_ms = ?,"
            + " provider_message_id = ?, last_answer = ?, body = case when ? then null else body end,"
            + " claimed_by = null, claim_until_ms = null, updated_ms = ?, version = version + 1"
            + " where id = ? and version = ?";

    private static final String NOT_SENT = "update nt_notification set status = ?, attempts = ?, next_attempt_ms = ?,"
            + " last_answer = ?, body = case when ? then null else body end, claimed_by = null, claim_until_ms = null,"
            + " updated_ms = ?, version = version + 1 where id = ? and version = ?";

    private static final String ATTEMPT = "insert into nt_attempt (id, notification_id, attempt_no, at_ms, outcome,"
            + " answer, actor) values (?, ?, ?, ?, ?, ?, null)";

    private Outcomes() {
    }

    /** {@code outcomes} in the order of {@code batch}. */
    static void write(Connection c, List<Claims.Claimed> batch, List<SendOutcome> outcomes, QueueSettings settings,
            long now) throws SQLException {
        try (PreparedStatement sent = c.prepareStatement(SENT);
                PreparedStatement notSent = c.prepareStatement(NOT_SENT);
                PreparedStatement attempt = c.prepareStatement(ATTEMPT)) {
            boolean anySent = false, anyNotSent = false;
            for (int i = 0; i < batch.size(); i++) {
                Claims.Claimed k = batch.get(i);
                SendOutcome o = outcomes.get(i);
                int attempts = k.attempts() + 1;
                String answer = Secrets.answer(o.answer());
                boolean secret = Secrets.secretBody(k.eventType());
                if (o.status() == SendOutcome.Status.SENT) {
                    sent.setInt(1, attempts);
                    sent.setLong(2, now);
                    sent.setString(3, cut(o.providerMessageId(), 200));
                    sent.setString(4, answer);
                    sent.setBoolean(5, secret);
                    sent.setLong(6, now);
                    sent.setString(7, k.id());
                    sent.setInt(8, k.version());
                    sent.addBatch();
                    anySent = true;
                } else {
                    boolean giveUp = o.status() == SendOutcome.Status.FAILED || attempts >= settings.maxAttempts();
                    String lastAnswer = o.status() == SendOutcome.Status.RETRY && giveUp
                            ? Secrets.answer("gave up after " + attempts + " attempts: " + answer) : answer;
                    notSent.setString(1, giveUp ? NotificationQueue.FAILED : NotificationQueue.QUEUED);
                    notSent.setInt(2, attempts);
                    notSent.setLong(3, giveUp ? now : now + settings.backoff().delayMs(attempts));
                    notSent.setString(4, lastAnswer);
                    notSent.setBoolean(5, secret && giveUp);
                    notSent.setLong(6, now);
                    notSent.setString(7, k.id());
                    notSent.setInt(8, k.version());
                    notSent.addBatch();
                    anyNotSent = true;
                }
                attempt.setString(1, UUID.randomUUID().toString());
                attempt.setString(2, k.id());
                attempt.setInt(3, attempts);
                attempt.setLong(4, now);
                attempt.setString(5, o.status().name());
                attempt.setString(6, answer);
                attempt.addBatch();
            }
            if (anySent) {
                sent.executeBatch();
            }
            if (anyNotSent) {
                notSent.executeBatch();
            }
            attempt.executeBatch();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
