package org.pavilion.notifications.internal.rules;

import java.time.ZoneId;
import java.util.Locale;

import org.pavilion.notifications.internal.NotificationsConfig;

/** What rendering takes from {@link NotificationsConfig}: the last language of the chain and the hospital's zone. */
public record RenderSettings(String defaultLanguage, ZoneId zone) {

    public static RenderSettings of(NotificationsConfig config) {
        String zone = config.zone() == null ? "" : config.zone().strip();
        String language = config.defaultLanguage() == null || config.defaultLanguage().isBlank() ? "en"
                : config.defaultLanguage().strip();
        return new RenderSettings(Languages.normalise(language), zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone));
    }

    public Locale defaultLocale() {
        return Locale.forLanguageTag(defaultLanguage);
    }
}
