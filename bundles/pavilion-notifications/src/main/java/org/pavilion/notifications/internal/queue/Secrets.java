package org.pavilion.notifications.internal.queue;

/** Messages whose text is a secret (a password reset link): not kept once final, never shown in the log. */
public final class Secrets {

    public static final String PASSWORD_RESET = "PasswordResetRequested";
    /** What the log shows instead of such a text. */
    public static final String NOT_KEPT = "[not kept: contains a password reset link]";

    private Secrets() {
    }

    public static boolean secretBody(String eventType) {
        return PASSWORD_RESET.equals(eventType);
    }

    /** {@code answer} cut to the 1000 characters the log keeps. */
    public static String answer(String answer) {
        return answer == null || answer.length() <= 1000 ? answer : answer.substring(0, 997) + "...";
    }
}
