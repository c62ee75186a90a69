package org.pavilion.notifications.internal.channels.sms;

import java.util.regex.Pattern;

/** E.164 numbers as gateways want them: {@code +} and 8 to 15 digits; spaces, dashes, dots and brackets removed. */
final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern LAYOUT = Pattern.compile("[\\s\\-.()]");

    private PhoneNumbers() {
    }

    /** The number in E.164, or null when it is not one. */
    static String e164(String number) {
        if (number == null) {
            return null;
        }
        String compact = LAYOUT.matcher(number).replaceAll("");
        return E164.matcher(compact).matches() ? compact : null;
    }
}
