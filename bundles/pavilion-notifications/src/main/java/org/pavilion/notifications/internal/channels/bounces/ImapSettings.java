package org.pavilion.notifications.internal.channels.bounces;

import java.util.Locale;

import org.pavilion.notifications.internal.channels.email.EmailConfig;

/**
 * The bounce mailbox part of {@link EmailConfig} as plain values.
 *
 * @param envelopeFrom the e-mail channel's envelope sender, with {@code {id}} when VERP is used
 */
public record ImapSettings(String host, int port, String security, String username, String password, String folder,
        int pollSeconds, String envelopeFrom) {

    public static ImapSettings from(EmailConfig c) {
        return new ImapSettings(trim(c.imapHost()), c.imapPort(),
                trim(c.imapSecurity()).isEmpty() ? "NONE" : trim(c.imapSecurity()).toUpperCase(Locale.ROOT),
                trim(c.imapUsername()), c._imapPassword() == null ? "" : c._imapPassword(),
                trim(c.imapFolder()).isEmpty() ? "INBOX" : trim(c.imapFolder()), c.bouncePollSeconds(),
                trim(c.envelopeFrom()));
    }

    /** Bounces are read only with a mailbox and a poll interval. */
    public boolean enabled() {
        return pollSeconds > 0 && !host.isEmpty();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    @Override
    public String toString() {
        // Never the password.
        return "ImapSettings[" + username + "@" + host + ":" + port + " " + security + " " + folder + " every "
                + pollSeconds + " s]";
    }
}
