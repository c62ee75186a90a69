package org.pavilion.notifications.internal.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.security.AccountMessenger;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.intake.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Core's password reset, delivered like any event: a {@code PasswordResetRequested} through the intake, so the rule
 * {@code password-reset-email} and its templates decide what the user receives. The token and the link are secrets:
 * they are in the payload only, never in a log line.
 */
@Component(service = AccountMessenger.class, configurationPid = AccountMessagesConfig.PID)
public class PasswordResetMessenger implements AccountMessenger {

    static final String EVENT_TYPE = "PasswordResetRequested";
    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetMessenger.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Intake intake;
    private final NotificationClock clock;
    private volatile AccountMessagesConfig config;

    @Activate
    public PasswordResetMessenger(@Reference Intake intake, @Reference NotificationClock clock,
            AccountMessagesConfig config) {
        this.intake = intake;
        this.clock = clock;
        this.config = config;
    }

    @Modified
    void modified(AccountMessagesConfig newConfig) {
        this.config = newConfig;
    }

    @Override
    public void passwordResetRequested(PasswordResetRequest request) {
        try {
            int queued = intake.accept(eventId(request.token()), EVENT_TYPE, payload(request));
            if (queued == 0) {
                // A disabled rule, no address, or a repeat: the delivery log (or its absence) says which.
                LOG.info("No message queued for the password reset of {}", request.username());
            }
        } catch (RuntimeException e) {
            // Only the exception's class: its message might quote the payload, and so the link.
            LOG.warn("The password reset message for {} could not be queued ({})", request.username(),
                    e.getClass().getName());
        }
    }

    /** The event's fields (docs/notifications-api.md, PasswordResetRequested). */
    ObjectNode payload(PasswordResetRequest request) {
        ObjectNode event = JSON.createObjectNode();
        event.put("username", request.username());
        event.put("patientId", request.patientId());
        event.put("resetLink", resetLink(request.token()));
        event.put("expiresAt", request.expiresAt().toString());
        long left = Duration.between(clock.now(), request.expiresAt()).toSeconds();
        // Rounded up: a link valid 29 min 30 s reads "30 minutes", and never "0" while it still works.
        event.put("expiresMinutes", Math.max(0, (left + 59) / 60));
        return event;
    }

    String resetLink(String token) {
        AccountMessagesConfig c = config;
        String base = c.publicBaseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = c.resetPath().trim();
        if (!path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
        return base + path + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** Stable per token, so a repeated call queues nothing twice; the hash, because event ids reach the delivery log. */
    static String eventId(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "password-reset:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
