package org.pavilion.notifications.internal.account;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.Test;
import org.pavilion.core.api.security.AccountMessenger.PasswordResetRequest;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.intake.Intake;

import com.fasterxml.jackson.databind.JsonNode;

/** The reset link a patient and a nurse receive, handed to the intake as a PasswordResetRequested event. */
public class PasswordResetMessengerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T07:30:00Z");
    private static final String TOKEN = "q0Z9-Xh3_kP2wY7mN4rT8vB1cD6eF5gH0jK3lM2nO9s";

    /** The intake another helper builds, as this test needs it: it records what it is given. */
    private static final class RecordingIntake implements Intake {
        final List<String[]> calls = new ArrayList<>();
        final List<JsonNode> events = new ArrayList<>();
        RuntimeException failure;

        @Override
        public int accept(String eventId, String eventType, JsonNode event) {
            calls.add(new String[] {eventId, eventType});
            events.add(event);
            if (failure != null) {
                throw failure;
            }
            return 1;
        }
    }

    private final RecordingIntake intake = new RecordingIntake();

    private PasswordResetMessenger messenger(String baseUrl, String resetPath) {
        return new PasswordResetMessenger(intake, NotificationClock.of(Clock.fixed(NOW, ZoneOffset.UTC)),
                config(baseUrl, resetPath));
    }

    private static AccountMessagesConfig config(String baseUrl, String resetPath) {
        return new AccountMessagesConfig() {
            @Override public Class<? extends Annotation> annotationType() { return AccountMessagesConfig.class; }
            @Override public String publicBaseUrl() { return baseUrl; }
            @Override public String resetPath() { return resetPath; }
        };
    }

    @Test
    public void aPatientsResetBecomesAPasswordResetRequestedEventWithTheLink() throws Exception {
        messenger("https://pavilion.hopital-nord.example/", "/#/reset-password?token=").passwordResetRequested(
                new PasswordResetRequest("paul.patient", "P-000417", TOKEN, NOW.plusSeconds(30 * 60)));

        assertEquals(1, intake.calls.size());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        assertEquals("password-reset:" + sha, intake.calls.get(0)[0]);
        assertEquals("PasswordResetRequested", intake.calls.get(0)[1]);
        JsonNode event = intake.events.get(0);
        assertEquals("paul.patient", event.get("username").asText());
        assertEquals("P-000417", event.get("patientId").asText());
        assertEquals("https://pavilion.hopital-nord.example/#/reset-password?token=" + TOKEN,
                event.get("resetLink").asText());
        assertEquals("2026-12-07T08:00:00Z", event.get("expiresAt").asText());
        assertEquals(30, event.get("expiresMinutes").asInt());
        assertFalse("the event id never carries the token", intake.calls.get(0)[0].contains(TOKEN));
    }

    @Test
    public void aNursesEventHasNoPatientAndTheMinutesLeftAreRoundedUp() {
        messenger("http://localhost:8181", "/#/reset-password?token=").passwordResetRequested(
                new PasswordResetRequest("nina.nurse", null, TOKEN, NOW.plusSeconds(29 * 60 + 30)));
        JsonNode event = intake.events.get(0);
        assertTrue(event.get("patientId").isNull());
        assertEquals(30, event.get("expiresMinutes").asInt());
        assertEquals("http://localhost:8181/#/reset-password?token=" + TOKEN, event.get("resetLink").asText());
    }

    @Test
    public void aChangedConfigurationAppliesToTheNextLink() {
        PasswordResetMessenger m = messenger("http://localhost:8181", "/#/reset-password?token=");
        m.modified(config("https://portal.example.org", "reset?t="));
        m.passwordResetRequested(new PasswordResetRequest("nina.nurse", null, TOKEN, NOW.plusSeconds(1800)));
        assertEquals("https://portal.example.org/reset?t=" + TOKEN, intake.events.get(0).get("resetLink").asText());
    }

    @Test
    public void anIntakeFailureStaysHereAndTheLogShowsNeitherTokenNorLink() {
        intake.failure = new IllegalStateException("database down while queueing https://x/#/reset-password?token=" + TOKEN);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            messenger("http://localhost:8181", "/#/reset-password?token=").passwordResetRequested(
                    new PasswordResetRequest("nina.nurse", null, TOKEN, NOW.plusSeconds(1800)));
        } finally {
            System.setErr(err);
        }
        assertEquals(1, intake.calls.size());
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log, log.contains("nina.nurse") && log.contains("IllegalStateException"));
        assertFalse(log, log.contains(TOKEN));
    }
}
