package org.pavilion.notifications.internal.channels.sms;

import java.util.Locale;

/** {@link SmsConfig} as plain values (tests build them directly). */
public record SmsSettings(String url, Style style, String toField, String textField, String senderField,
        String referenceField, String sender, String requestTemplate, String contentType, Auth auth, String username,
        String password, String apiKey, String apiKeyHeader, String messageIdPointer, int timeoutMs, int concurrency) {

    /** How a request body is written. */
    public enum Style {
        FORM, JSON
    }

    /** How the gateway knows us. */
    public enum Auth {
        NONE, BASIC, BEARER, HEADER
    }

    public static SmsSettings from(SmsConfig c) {
        return new SmsSettings(trim(c.url()), Style.valueOf(upper(c.style(), "FORM")), trim(c.toField()),
                trim(c.textField()), trim(c.senderField()), trim(c.referenceField()), trim(c.sender()),
                c.requestTemplate() == null ? "" : c.requestTemplate(), trim(c.contentType()),
                Auth.valueOf(upper(c.auth(), "NONE")), trim(c.username()), nonNull(c._password()),
                nonNull(c._apiKey()), trim(c.apiKeyHeader()), trim(c.messageIdPointer()), c.timeoutMs(),
                c.concurrency());
    }

    /** A FORM gateway with the default field names and no authentication (tests and docs start from it). */
    public static SmsSettings form(String url, String sender) {
        return new SmsSettings(url, Style.FORM, "to", "text", "from", "reference", sender, "", "application/json",
                Auth.NONE, "", "", "", "X-API-Key", "", 15000, 4);
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    /** Every secret value, to be masked out of answers and logs. */
    String[] secrets() {
        return new String[] {password, apiKey};
    }

    public SmsSettings withAuth(Auth a, String user, String pass, String key, String header) {
        return new SmsSettings(url, style, toField, textField, senderField, referenceField, sender, requestTemplate,
                contentType, a, user, pass, key, header, messageIdPointer, timeoutMs, concurrency);
    }

    public SmsSettings withJson(String template, String type) {
        return new SmsSettings(url, Style.JSON, toField, textField, senderField, referenceField, sender, template, type,
                auth, username, password, apiKey, apiKeyHeader, messageIdPointer, timeoutMs, concurrency);
    }

    public SmsSettings withMessageIdPointer(String pointer) {
        return new SmsSettings(url, style, toField, textField, senderField, referenceField, sender, requestTemplate,
                contentType, auth, username, password, apiKey, apiKeyHeader, pointer, timeoutMs, concurrency);
    }

    private static String upper(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        // Never a secret: settings may end in a log line.
        return "SmsSettings[" + url + " " + style + " auth " + auth + "]";
    }
}
