package org.pavilion.hl7.internal.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pavilion.core.api.privacy.PrivacySubject;
import static org.pavilion.hl7.internal.Hl7Text.split;

/**
 * Reads and blanks the patient in an HL7 v2 text: whether a message is about one of a patient's identifiers (PID-3
 * or MRG-1, any repetition), and the text with the segments that identify a person emptied (MSH, the event,
 * the visit, orders and results stay, so the row still tells what was exchanged and how it was answered) and the
 * patient's names and birth date blanked wherever else they appear as free text. Segment separators, whatever
 * they are (CR, LF, CR LF), are kept as they were.
 */
final class Hl7Anonymiser {

    /** Patient, additional demographics, next of kin, insurance (insured's name and birth date), guarantor, merge. */
    static final Set<String> PERSON_SEGMENTS = Set.of("PID", "PD1", "NK1", "IN1", "IN2", "IN3", "GT1", "MRG");
    static final String BLANK = "ERASED";
    private static final Pattern SEGMENTS = Pattern.compile("[^\r\n]+|[\r\n]+");

    private Hl7Anonymiser() {
    }

    /** True when PID-3 or MRG-1 of {@code text} names one of the identifiers (value and assigning system). */
    static boolean names(String stored, List<PrivacySubject.Identifier> ids) {
        // As stored: possibly with noise before MSH, which the hub skips too (Hl7Text.normalise).
        int msh = stored == null ? -1 : stored.indexOf("MSH");
        if (msh < 0 || stored.length() < msh + 8) {
            return false;
        }
        String text = stored.substring(msh);
        char field = text.charAt(3);
        char component = text.charAt(4);
        char repetition = text.length() > 5 ? text.charAt(5) : '~';
        String sendingApplication = null;
        for (String segment : text.split("[\r\n]+")) {
            String[] f = split(segment, field);
            if (segment.startsWith("MSH")) {
                // f[0] is "MSH", f[1] the encoding characters, f[2] MSH-3
                sendingApplication = f.length > 2 ? split(f[2], component)[0] : "";
            } else if (segment.startsWith("PID") && f.length > 3 && matches(f[3], repetition, component,
                    sendingApplication, ids)) {
                return true;
            } else if (segment.startsWith("MRG") && f.length > 1 && matches(f[1], repetition, component,
                    sendingApplication, ids)) {
                return true;
            }
        }
        return false;
    }

    /** An identifier field: value in component 1, system in component 4 (its first sub-component), else MSH-3. */
    private static boolean matches(String cx, char repetition, char component, String defaultSystem,
            List<PrivacySubject.Identifier> ids) {
        for (String rep : split(cx, repetition)) {
            String[] c = split(rep, component);
            String value = c[0].strip();
            String authority = c.length > 3 ? c[3].strip() : "";
            String firstSub = authority.contains("&") ? authority.substring(0, authority.indexOf('&')) : authority;
            for (PrivacySubject.Identifier id : ids) {
                if (id.value().equals(value) && (authority.isEmpty() ? id.system().equals(defaultSystem)
                        : id.system().equals(firstSub) || id.system().equals(authority))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text with person segments emptied and the subject's names and birth dates blanked; null stays null. */
    static String anonymise(String text, PrivacySubject subject) {
        if (text == null || text.length() < 4) {
            return text;
        }
        int msh = text.indexOf("MSH");
        char field = msh >= 0 && text.length() > msh + 3 ? text.charAt(msh + 3) : '|';
        List<Pattern> freeText = freeText(subject);
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = SEGMENTS.matcher(text);
        while (m.find()) {
            String piece = m.group();
            if (piece.charAt(0) == '\r' || piece.charAt(0) == '\n') {
                out.append(piece);
                continue;
            }
            String id = piece.length() >= 3 ? piece.substring(0, 3) : piece;
            if (PERSON_SEGMENTS.contains(id) && (piece.length() == 3 || piece.charAt(3) == field)) {
                out.append(id).append(field);
            } else if (id.equals("MSH")) {
                out.append(piece);
            } else {
                String s = piece;
                for (Pattern p : freeText) {
                    s = p.matcher(s).replaceAll(BLANK);
                }
                out.append(s);
            }
        }
        return out.toString();
    }

    /** Names (2 letters or more) and birth dates as HL7 (yyyyMMdd) and ISO write them, case-insensitive. */
    private static List<Pattern> freeText(PrivacySubject subject) {
        List<String> words = new ArrayList<>();
        for (PrivacySubject.Name n : subject.names()) {
            for (String part : new String[] {n.given(), n.family()}) {
                if (part != null && part.strip().length() >= 2 && !part.strip().toLowerCase(Locale.ROOT)
                        .startsWith("erased")) {
                    words.add(part.strip());
                }
            }
        }
        for (String d : subject.birthDates()) {
            words.add(d);
            words.add(d.replace("-", ""));
        }
        List<Pattern> out = new ArrayList<>();
        for (String w : words) {
            out.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return out;
    }
}
