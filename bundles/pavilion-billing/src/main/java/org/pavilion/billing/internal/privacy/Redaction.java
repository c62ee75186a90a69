package org.pavilion.billing.internal.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * Blanks the subject in free text billing keeps (a void reason, a refund reason, a claim's reason, a journal entry's
 * description): each MRN becomes the pseudonym, each registered name {@code [erased]}. MRNs and names match as whole
 * words only, so {@code MRN-0001} does not touch {@code MRN-00012}.
 */
final class Redaction {

    private final List<Pattern> mrns = new ArrayList<>();
    private final List<Pattern> names = new ArrayList<>();
    private final String pseudonym;

    Redaction(PrivacySubject subject, String pseudonym) {
        this.pseudonym = pseudonym;
        for (String mrn : subject.mrns()) {
            mrns.add(word(mrn));
        }
        for (PrivacySubject.Name n : subject.names()) {
            for (String part : new String[] {n.given(), n.family()}) {
                // a one-letter initial would blank half of every text
                if (part != null && part.strip().length() > 1) {
                    names.add(word(part.strip()));
                }
            }
        }
    }

    private static Pattern word(String s) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(s) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Whether {@code text} names the subject (an MRN as a whole word). */
    boolean mentionsMrn(String text) {
        return text != null && mrns.stream().anyMatch(p -> p.matcher(text).find());
    }

    /** {@code text} with the subject blanked; the same instance when it does not name them. */
    String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Pattern p : mrns) {
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement(pseudonym));
        }
        for (Pattern p : names) {
            out = p.matcher(out).replaceAll("[erased]");
        }
        return out.equals(text) ? text : out;
    }
}
