package org.pavilion.notifications.internal.rules;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsDatabase;

/**
 * The hospital's notification administrator at work: a fresh database with the real change log (and its seed), the
 * rule, template and preview services over it, an audit trail that records, and the administrator bound as caller.
 */
final class RulesDesk implements AutoCloseable {

    /** The audit trail of these tests (records after the commit, as core's default does). */
    static final class RecordingAudit implements AuditService {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        List<AuditEvent> of(String action, String resourceType) {
            return events.stream().filter(e -> e.action().equals(action) && e.resourceType().equals(resourceType))
                    .toList();
        }
    }

    final NotificationsDatabase db;
    final RecordingAudit audit = new RecordingAudit();
    final NotificationClock clock = NotificationClock.of(Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC));
    final RuleService rules;
    final TemplateService templates;
    final MustacheRenderer renderer;
    final PreviewService previews;

    RulesDesk() throws Exception {
        db = new NotificationsDatabase();
        rules = new RuleService(db.emf, audit, clock);
        templates = new TemplateService(db.emf, audit, clock);
        renderer = new MustacheRenderer(db.emf, new RenderSettings("en", ZoneId.of("Europe/Paris")));
        previews = new PreviewService(renderer);
        CallerContext.bind(Caller.inContainer("admin.ines", Set.of(RuleResource.VIEW, RuleResource.MANAGE),
                "127.0.0.1"));
    }

    @Override
    public void close() throws Exception {
        CallerContext.clear();
        db.close();
    }

    /** The stored template of key, channel and language. */
    TemplateDto template(String key, String channel, String language) {
        List<TemplateDto> found = templates.list(key, channel, language, 0, 10).getItems();
        assertEquals(key + " " + channel + " " + language, 1, found.size());
        return found.get(0);
    }

    /** A rule as the intake reads it. */
    static RuleView view(RuleDto r) {
        return new RuleView(r.id, r.eventType, r.recipient, r.addresses, r.channel, r.templateKey, r.urgent,
                r.clinicalDetail, r.offsetMinutes, r.enabled);
    }

    /** Expects {@code call} to answer {@code status} with a detail containing every one of {@code parts}. */
    static ProblemException expect(int status, Runnable call, String... parts) {
        try {
            call.run();
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
            for (String part : parts) {
                assertTrue("'" + part + "' in: " + e.detail(), e.detail().contains(part));
            }
            return e;
        }
        fail("expected " + status + " (" + String.join(", ", parts) + ")");
        return null;
    }
}
