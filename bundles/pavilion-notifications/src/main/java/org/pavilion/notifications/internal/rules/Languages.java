package org.pavilion.notifications.internal.rules;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/** BCP 47 tags of templates and recipients, and the chain a message's language is looked up along. */
final class Languages {

    private Languages() {
    }

    /** {@code fr_ca}, {@code FR-ca} → {@code fr-CA}; null when not a well-formed tag. */
    static String normalise(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        try {
            Locale l = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build();
            return l.getLanguage().isEmpty() ? null : l.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    /** The recipient's full tag, its primary language, then the default; without repeats or blanks. */
    static List<String> chain(String language, String defaultLanguage) {
        List<String> chain = new ArrayList<>(3);
        String full = normalise(language);
        if (full != null) {
            chain.add(full);
            String primary = Locale.forLanguageTag(full).getLanguage();
            if (!chain.contains(primary)) {
                chain.add(primary);
            }
        }
        String fallback = normalise(defaultLanguage);
        if (fallback != null && !chain.contains(fallback)) {
            chain.add(fallback);
        }
        return chain;
    }
}
