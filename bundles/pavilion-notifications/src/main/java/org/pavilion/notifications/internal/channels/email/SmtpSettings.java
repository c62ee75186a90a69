package org.pavilion.notifications.internal.channels.email;

/**
 * The SMTP part of {@link EmailConfig} as plain values (tests build them directly).
 *
 * @param envelopeFrom Return-Path; {@code {id}} is replaced by the notification id; empty: the From address
 */
public record SmtpSettings(String host, int port, Security security, String username, String password, String from,
        String fromName, String replyTo, String envelopeFrom, int connectTimeoutMs, int timeoutMs) {

    /** How the connection is protected. */
    public enum Security {
        NONE, STARTTLS, SSL;

        static Security of(String value) {
            return value == null || value.isBlank() ? NONE : valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static SmtpSettings from(EmailConfig c) {
        return new SmtpSettings(trim(c.host()), c.port(), Security.of(c.security()), trim(c.username()),
                c._password() == null ? "" : c._password(), trim(c.from()), trim(c.fromName()), trim(c.replyTo()),
                trim(c.envelopeFrom()), c.connectTimeoutMs(), c.timeoutMs());
    }

    /** The channel is on only while a host is set. */
    public boolean enabled() {
        return !host.isEmpty();
    }

    String envelopeFor(String notificationId) {
        return envelopeFrom.isEmpty() ? from : envelopeFrom.replace("{id}", notificationId);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    @Override
    public String toString() {
        // Never the password: a settings object may end in a log line.
        return "SmtpSettings[" + host + ":" + port + " " + security + (username.isEmpty() ? "" : " as " + username) + "]";
    }
}
