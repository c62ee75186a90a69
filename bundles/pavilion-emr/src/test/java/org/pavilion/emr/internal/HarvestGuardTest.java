package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/** The bulk-access guard: distinct patients per user in a sliding window, 429 beyond, one alert per window. */
public class HarvestGuardTest {

    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static HarvestConfig config(int distinct, int minutes, int users) {
        return new HarvestConfig() {
            public Class<? extends Annotation> annotationType() {
                return HarvestConfig.class;
            }

            public int harvestDistinctPatients() {
                return distinct;
            }

            public int harvestWindowMinutes() {
                return minutes;
            }

            public int harvestTrackedUsers() {
                return users;
            }
        };
    }

    private static Caller user(String name, String... privileges) {
        return Caller.inContainer(name, Set.of(privileges), "127.0.0.1");
    }

    private static void as(Caller c, Runnable r) throws Exception {
        CallerContext.runAs(c, () -> {
            r.run();
            return null;
        });
    }

    @Test
    public void beyondTheLimitReadsAre429UntilTheWindowSlidesAndOneAlertIsAudited() throws Exception {
        HarvestGuard guard = new HarvestGuard(trail::add, config(3, 10, 100), now::get);
        Caller clerk = user("clerk");
        as(clerk, () -> {
            for (int i = 0; i < 3; i++) {
                guard.admit();
                guard.saw(List.of("p" + i));
            }
            guard.admit();
            guard.saw(List.of("p0", "p1")); // the same patients again do not count twice
            guard.admit();
            guard.saw(List.of("p3"));
        });
        assertEquals(1, trail.size());
        assertEquals(HarvestGuard.ALERT, trail.get(0).action());
        assertTrue(trail.get(0).emergencyAccess());
        HarvestGuard.TooManyPatients slowed = assertThrows(HarvestGuard.TooManyPatients.class,
                () -> as(clerk, guard::admit));
        assertEquals(429, slowed.status());
        assertTrue(slowed.retryAfterSeconds > 0 && slowed.retryAfterSeconds <= 600);
        // The REST answer with its Retry-After header is checked in AccessSecurityIT (no JAX-RS runtime here).
        // Still over the limit: no second alert in the same window.
        as(clerk, () -> guard.saw(List.of("p4")));
        assertEquals(1, trail.size());

        // Another user has a window of their own; an integration account is not counted at all.
        as(user("nurse"), guard::admit);
        as(user("hl7-feed", HarvestGuard.EXEMPT), () -> {
            for (int i = 0; i < 50; i++) {
                guard.admit();
                guard.saw(List.of("f" + i));
            }
        });
        assertEquals(1, trail.size());

        now.addAndGet(10 * 60_000L + 1);
        as(clerk, guard::admit); // the window slid
    }

    @Test
    public void memoryIsBoundedInUsersAndPatients() throws Exception {
        HarvestGuard guard = new HarvestGuard(trail::add, config(2, 10, 2), now::get);
        for (String u : new String[] {"a", "b", "c"}) {
            as(user(u), () -> guard.saw(List.of("x1", "x2", "x3", "x4", "x5")));
        }
        // "a" was forgotten (least recently seen beyond 2 users); "c" is over the limit.
        as(user("a"), guard::admit);
        assertThrows(HarvestGuard.TooManyPatients.class, () -> as(user("c"), guard::admit));
        assertEquals(3, trail.size());
    }
}
