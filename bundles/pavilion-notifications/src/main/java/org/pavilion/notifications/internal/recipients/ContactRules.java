package org.pavilion.notifications.internal.recipients;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.pavilion.notifications.internal.Problems;

/**
 * What a staff contact must look like: an e-mail address, a phone number in E.164 (after removing spaces and dashes:
 * {@code +} and 8 to 15 digits), a BCP 47 language tag; at least one way to reach them. Every problem is listed in one
 * 422, so the form can mark all fields at once.
 */
final class ContactRules {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
    private static final Pattern SEPARATORS = Pattern.compile("[ \\-]");

    /** A contact as it is stored: trimmed, the phone without separators, the language in its canonical case. */
    record Checked(String email, String phone, String language) {
    }

    private ContactRules() {
    }

    static Checked check(String username, StaffContactBodies.Update body) {
        List<String> problems = new ArrayList<>();
        if (username == null || username.isBlank() || username.length() > 64) {
            problems.add("username: required, at most 64 characters");
        }
        String email = blankToNull(body == null ? null : body.email);
        String phone = blankToNull(body == null ? null : body.phone);
        String language = blankToNull(body == null ? null : body.language);
        if (email == null && phone == null) {
            problems.add("email, phone: give an e-mail address or a phone number");
        }
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            problems.add("email: '" + email + "' is not an e-mail address (name@example.org)");
        }
        if (phone != null) {
            phone = SEPARATORS.matcher(phone).replaceAll("");
            if (!E164.matcher(phone).matches()) {
                problems.add("phone: '" + body.phone + "' is not an international number in E.164 (+ and 8 to 15"
                        + " digits, e.g. +41 79 123 45 67)");
            }
        }
        if (language != null) {
            String canonical = languageTag(language);
            if (canonical == null) {
                problems.add("language: '" + language + "' is not a BCP 47 language tag (en, fr, fr-CA)");
            } else {
                language = canonical;
            }
        }
        if (!problems.isEmpty()) {
            throw Problems.unprocessable(problems);
        }
        return new Checked(email, phone, language);
    }

    /** The tag in its canonical form ({@code fr-CA}), or null when it is not well-formed BCP 47 or too long. */
    static String languageTag(String tag) {
        if (tag.length() > 20) {
            return null;
        }
        try {
            Locale l = new Locale.Builder().setLanguageTag(tag).build();
            return l.getLanguage().isEmpty() ? null : l.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
