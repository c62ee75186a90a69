package org.pavilion.emr.internal;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * Slows bulk harvesting of patients: a user who opens or sees in search results more than
 * {@link HarvestConfig#harvestDistinctPatients()} different patients within a sliding window is answered 429 with
 * Retry-After on further patient reads and searches until enough of the window has slid, and one
 * {@code BULK_ACCESS_ALERT} audit record, flagged, is written per user and window. A 429 rather than a delay: a
 * delayed answer would hold a server thread per request, so a harvester could exhaust the pool; a 429 costs
 * nothing and tells an honest client when to come back. Memory is bounded: per user at most the threshold + 1
 * patients are remembered, and at most {@link HarvestConfig#harvestTrackedUsers()} users. Callers holding
 * {@link #EXEMPT} (integration accounts) and in-container actors are not counted.
 */
@Component(service = HarvestGuard.class, configurationPid = HarvestGuard.PID)
@Designate(ocd = HarvestConfig.class)
public class HarvestGuard {

    public static final String PID = "org.pavilion.emr.harvest";
    static final String EXEMPT = "emr.patient.bulk-read";
    static final String ALERT = "BULK_ACCESS_ALERT";

    private final AuditService audit;
    private final LongSupplier clock;
    private volatile Settings settings;
    /** Per user, access order; guarded by itself. */
    private final LinkedHashMap<String, Window> users = new LinkedHashMap<>(16, 0.75f, true);

    private record Settings(int distinct, long windowMs, int trackedUsers) {
    }

    /** One user's recent patients: MRN to the last time seen, oldest first; and when the last alert was. */
    private static final class Window {
        final LinkedHashMap<String, Long> seen = new LinkedHashMap<>(16, 0.75f, true);
        /** When the last alert was written; -1 for never. */
        long alertedMs = -1;
    }

    @Activate
    public HarvestGuard(@Reference AuditService audit, HarvestConfig config) {
        this(audit, config, System::currentTimeMillis);
    }

    HarvestGuard(AuditService audit, HarvestConfig config, LongSupplier clock) {
        this.audit = audit;
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(HarvestConfig config) {
        if (config.harvestDistinctPatients() < 1 || config.harvestWindowMinutes() < 1
                || config.harvestTrackedUsers() < 1) {
            throw new IllegalArgumentException("harvestDistinctPatients, harvestWindowMinutes and "
                    + "harvestTrackedUsers must be 1 or more");
        }
        settings = new Settings(config.harvestDistinctPatients(), config.harvestWindowMinutes() * 60_000L,
                config.harvestTrackedUsers());
    }

    /** Before a patient read or search: 429 with Retry-After when the caller is over the limit. */
    public void admit() {
        String user = counted();
        if (user == null) {
            return;
        }
        Settings s = settings;
        long now = clock.getAsLong();
        long retryMs;
        synchronized (users) {
            Window w = users.get(user);
            if (w == null) {
                return;
            }
            expire(w, now, s);
            if (w.seen.size() <= s.distinct) {
                return;
            }
            // Over the limit until the oldest patients slide out and only the threshold remain.
            Iterator<Long> it = w.seen.values().iterator();
            long oldest = it.next();
            for (int i = 0; i < w.seen.size() - s.distinct - 1 && it.hasNext(); i++) {
                oldest = it.next();
            }
            retryMs = Math.max(1000, oldest + s.windowMs - now);
        }
        throw new TooManyPatients(s.distinct, s.windowMs / 60_000, (retryMs + 999) / 1000);
    }

    /** 429 problem; REST answers it with {@link #response()} so that Retry-After is a header. */
    public static final class TooManyPatients extends ProblemException {
        private static final long serialVersionUID = 1L;
        public final long retryAfterSeconds;

        TooManyPatients(int distinct, long minutes, long retryAfterSeconds) {
            super(429, "too-many-patients", "Too many patients", "You have opened more than " + distinct
                    + " different patients in " + minutes + " minutes. Try again in " + retryAfterSeconds
                    + " s; the access was reported.", Map.of("retryAfterSeconds", retryAfterSeconds));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Response response() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type());
            body.put("title", title());
            body.put("status", status());
            body.put("detail", getMessage());
            body.put("retryAfterSeconds", retryAfterSeconds);
            return Response.status(429).type("application/problem+json").header("Retry-After", retryAfterSeconds)
                    .entity(body).build();
        }
    }

    /** After patients were shown to the caller: counts them, and audits one alert per window beyond the limit. */
    public void saw(Collection<String> mrns) {
        String user = counted();
        if (user == null || mrns.isEmpty()) {
            return;
        }
        Settings s = settings;
        long now = clock.getAsLong();
        int count;
        synchronized (users) {
            Window w = users.computeIfAbsent(user, u -> new Window());
            while (users.size() > s.trackedUsers) {
                Iterator<String> eldest = users.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            expire(w, now, s);
            for (String mrn : mrns) {
                w.seen.put(mrn, now);
            }
            // Only the threshold + 1 matter: "over the limit" and how long until it is not.
            while (w.seen.size() > s.distinct + 1) {
                Iterator<String> oldest = w.seen.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            if (w.seen.size() <= s.distinct || w.alertedMs >= 0 && now - w.alertedMs < s.windowMs) {
                return;
            }
            w.alertedMs = now;
            count = w.seen.size();
        }
        audit.record(AuditEvent.of(ALERT, PatientService.RESOURCE).resourceId(user).emergencyAccess(true)
                .detail("more than " + s.distinct + " distinct patients (" + count + ") within "
                        + s.windowMs / 60_000 + " min; further reads answered 429")
                .build());
    }

    private static void expire(Window w, long now, Settings s) {
        Iterator<Long> it = w.seen.values().iterator();
        while (it.hasNext() && it.next() <= now - s.windowMs) {
            it.remove();
        }
    }

    /** The caller's user name when they count; null for in-container actors and exempt accounts. */
    private static String counted() {
        Caller caller = CallerContext.current().orElse(null);
        return caller == null || caller.hasPrivilege(EXEMPT) ? null : caller.username();
    }
}
