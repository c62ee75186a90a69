package org.pavilion.notifications.internal.channels.sms;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import org.pavilion.notifications.api.OutgoingMessage;

/** Writes one SMS as the gateway's HTTP request: form fields or the JSON template, with its authentication. */
final class SmsRequests {

    private final SmsSettings settings;
    private final URI uri;

    SmsRequests(SmsSettings settings) {
        this.settings = settings;
        this.uri = URI.create(settings.url());
    }

    HttpRequest request(OutgoingMessage m, String to) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(settings.timeoutMs()))
                .header("Accept", "application/json");
        if (settings.style() == SmsSettings.Style.JSON) {
            b.header("Content-Type", settings.contentType().isEmpty() ? "application/json" : settings.contentType());
            b.POST(HttpRequest.BodyPublishers.ofString(json(m, to), StandardCharsets.UTF_8));
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded");
            b.POST(HttpRequest.BodyPublishers.ofString(form(m, to), StandardCharsets.UTF_8));
        }
        authenticate(b);
        return b.build();
    }

    private String form(OutgoingMessage m, String to) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(settings.toField(), to);
        fields.put(settings.textField(), text(m));
        if (!settings.senderField().isEmpty() && !settings.sender().isEmpty()) {
            fields.put(settings.senderField(), settings.sender());
        }
        if (!settings.referenceField().isEmpty()) {
            fields.put(settings.referenceField(), m.notificationId());
        }
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private String json(OutgoingMessage m, String to) {
        return settings.requestTemplate()
                .replace("{{to}}", escape(to))
                .replace("{{text}}", escape(text(m)))
                .replace("{{sender}}", escape(settings.sender()))
                .replace("{{reference}}", escape(m.notificationId()));
    }

    private void authenticate(HttpRequest.Builder b) {
        switch (settings.auth()) {
            case BASIC -> b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)));
            case BEARER -> b.header("Authorization", "Bearer " + settings.apiKey());
            case HEADER -> b.header(settings.apiKeyHeader().isEmpty() ? "X-API-Key" : settings.apiKeyHeader(),
                    settings.apiKey());
            default -> { }
        }
    }

    private static String text(OutgoingMessage m) {
        return m.body() == null ? "" : m.body();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s == null ? "" : s));
    }
}
