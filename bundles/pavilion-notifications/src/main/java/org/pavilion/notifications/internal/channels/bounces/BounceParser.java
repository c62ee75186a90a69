package org.pavilion.notifications.internal.channels.bounces;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;

import org.pavilion.notifications.internal.channels.email.EmailChannel;

/**
 * Reads a returned mail: a delivery status notification ({@code multipart/report; report-type=delivery-status}, RFC
 * 3464) or a plain bounce some servers still send. Our notification id comes from the returned original's
 * {@code X-Pavilion-Notification} or {@code Message-ID <id@pavilion>}, else from the VERP address it was sent back to.
 */
final class BounceParser {

    private static final Pattern OUR_HEADER = Pattern.compile(
            "(?im)^" + Pattern.quote(EmailChannel.HEADER) + ":[ \\t]*([A-Za-z0-9._:-]+)");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile("<([A-Za-z0-9._:-]+)@pavilion>");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?im)^Diagnostic-Code:[ \\t]*(?:[a-z-]+;)?[ \\t]*(.+)$");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:[ \\t]*([245]\\.\\d{1,3}\\.\\d{1,3})");
    private static final Pattern ACTION = Pattern.compile("(?im)^Action:[ \\t]*([a-z]+)");
    private static final Pattern SMTP_REPLY = Pattern.compile("(?m)\\b([45]\\d\\d[ -][245]\\.\\d{1,3}\\.\\d{1,3}\\b.*)$");
    private static final String[] RECIPIENT_HEADERS = {"X-Original-To", "Delivered-To", "Envelope-To", "To"};

    /** Matches the VERP envelope sender with the id in it; null without VERP. */
    private final Pattern verp;

    BounceParser(String envelopeFrom) {
        int at = envelopeFrom == null ? -1 : envelopeFrom.indexOf("{id}");
        this.verp = at < 0 ? null : Pattern.compile("(?i)" + Pattern.quote(envelopeFrom.substring(0, at))
                + "([A-Za-z0-9._:-]+?)" + Pattern.quote(envelopeFrom.substring(at + 4)));
    }

    Optional<Bounce> parse(Part mail) throws MessagingException, IOException {
        if (mail.isMimeType("multipart/report")) {
            return report(mail);
        }
        String text = raw(mail);
        String id = first(OUR_HEADER, text);
        if (id == null) {
            id = first(OUR_MESSAGE_ID, text);
        }
        if (id == null) {
            id = fromVerp(mail);
        }
        if (id == null) {
            return Optional.empty();
        }
        String answer = first(SMTP_REPLY, text);
        if (answer == null) {
            String[] subject = mail.getHeader("Subject");
            answer = subject == null ? "bounced" : subject[0];
        }
        return Optional.of(new Bounce(id, answer.trim(), true));
    }

    private Optional<Bounce> report(Part mail) throws MessagingException, IOException {
        Multipart parts = (Multipart) mail.getContent();
        String status = null;
        String original = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                status = raw(part);
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                original = raw(part);
            }
        }
        String id = original == null ? null : first(OUR_HEADER, original);
        if (id == null && original != null) {
            id = first(OUR_MESSAGE_ID, original);
        }
        if (id == null) {
            id = fromVerp(mail);
        }
        if (id == null) {
            return Optional.empty();
        }
        String text = status == null ? "" : status;
        String action = first(ACTION, text);
        boolean permanent = action == null || action.toLowerCase(Locale.ROOT).equals("failed");
        String answer = first(DIAGNOSTIC, text);
        if (answer == null) {
            answer = first(STATUS, text);
        }
        return Optional.of(new Bounce(id, answer == null ? "bounced" : answer.trim(), permanent));
    }

    private String fromVerp(Part mail) throws MessagingException {
        if (verp == null) {
            return null;
        }
        for (String name : RECIPIENT_HEADERS) {
            String[] values = mail.getHeader(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                for (String address : addresses(value)) {
                    Matcher m = verp.matcher(address);
                    if (m.matches()) {
                        return m.group(1);
                    }
                }
            }
        }
        return null;
    }

    private static String[] addresses(String header) {
        try {
            Address[] parsed = InternetAddress.parseHeader(header, false);
            String[] out = new String[parsed.length];
            for (int i = 0; i < parsed.length; i++) {
                out[i] = ((InternetAddress) parsed[i]).getAddress();
            }
            return out;
        } catch (MessagingException e) {
            return new String[] {header.trim()};
        }
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).trim() : null;
    }

    /** A part's decoded content as text, headers included for a whole mail (plain bounces quote them anywhere). */
    private static String raw(Part part) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (part instanceof jakarta.mail.Message) {
            part.writeTo(out);
        } else {
            try (InputStream in = part.getInputStream()) {
                in.transferTo(out);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
