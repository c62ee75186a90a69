package org.pavilion.itest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The readable text of a single-part e-mail as GreenMail's API returns it (subject decoded by GreenMail, the raw MIME
 * message): the body decoded from quoted-printable or base64 in its charset. Enough for plain-text notifications; the
 * test has no mail library in the container.
 */
final class MimeText {

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([A-Za-z0-9_-]+)\"?");

    private MimeText() {
    }

    /** Subject, a blank line, and the decoded body. */
    static String subjectAndBody(JsonNode message) {
        return message.path("subject").asText() + "\n\n" + body(message.path("mimeMessage").asText());
    }

    static String body(String mime) {
        int split = mime.indexOf("\r\n\r\n");
        String headers = split < 0 ? mime : mime.substring(0, split);
        String body = split < 0 ? "" : mime.substring(split + 4);
        String unfolded = headers.replace("\r\n ", " ").replace("\r\n\t", " ");
        String encoding = header(unfolded, "Content-Transfer-Encoding").toLowerCase(Locale.ROOT);
        Matcher m = CHARSET.matcher(header(unfolded, "Content-Type"));
        Charset charset = m.find() ? Charset.forName(m.group(1)) : StandardCharsets.US_ASCII;
        if (encoding.equals("base64")) {
            return new String(Base64.getMimeDecoder().decode(body), charset);
        }
        if (encoding.equals("quoted-printable")) {
            return new String(quotedPrintable(body), charset);
        }
        return new String(body.getBytes(StandardCharsets.ISO_8859_1), charset);
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String joined = text.replace("=\r\n", "");
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write((byte) c);
            }
        }
        return out.toByteArray();
    }
}
