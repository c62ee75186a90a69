package org.pavilion.itest.security;

import java.time.Duration;

import org.pavilion.itest.Await;
import org.pavilion.itest.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * A longer first wait for the container than {@link PavilionTestSupport#BOOT_BOUND}: on 2 cores shared with other
 * builds a boot on PostgreSQL took four minutes. Called before the first login of a class; later waits are short.
 */
final class SlowBoot {

    static final Duration BOUND = Duration.ofMinutes(8);

    private SlowBoot() {
    }

    /** Waits (bounded) until health at {@code baseUrl} answers 200. */
    static void awaitUp(String baseUrl) throws InterruptedException {
        Await.until("GET /api/v1/platform/health answers 200 after a slow boot", BOUND, () -> {
            Http.Response r = Http.anonymous(baseUrl).get("/api/v1/platform/health");
            if (r.status != 200) {
                throw new AssertionError(r.toString());
            }
        });
    }
}
