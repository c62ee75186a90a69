package org.pavilion.notifications.internal.rules;

import java.time.ZoneId;
import java.util.Locale;

import org.pavilion.notifications.internal.NotificationsConfig;
import org.pavilion.notifications.internal.account.AccountMessagesConfig;

/**
 * What rendering takes from the configuration: the last language of the chain, the hospital's zone, and the address
 * patients reach the web UI at (links in messages; the account PID's {@code publicBaseUrl}, as reset links use).
 */
public record RenderSettings(String defaultLanguage, ZoneId zone, String publicBaseUrl) {

    /** As {@link AccountMessagesConfig#publicBaseUrl()}'s default. */
    static final String DEFAULT_BASE_URL = "http://localhost:8181";

    public RenderSettings {
        publicBaseUrl = withoutTrailingSlash(publicBaseUrl == null || publicBaseUrl.isBlank() ? DEFAULT_BASE_URL
                : publicBaseUrl.strip());
    }

    public RenderSettings(String defaultLanguage, ZoneId zone) {
        this(defaultLanguage, zone, DEFAULT_BASE_URL);
    }

    public static RenderSettings of(NotificationsConfig config, AccountMessagesConfig account) {
        String zone = config.zone() == null ? "" : config.zone().strip();
        String language = config.defaultLanguage() == null || config.defaultLanguage().isBlank() ? "en"
                : config.defaultLanguage().strip();
        return new RenderSettings(Languages.normalise(language), zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone),
                account == null ? null : account.publicBaseUrl());
    }

    public Locale defaultLocale() {
        return Locale.forLanguageTag(defaultLanguage);
    }

    private static String withoutTrailingSlash(String base) {
        String b = base;
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }
}
