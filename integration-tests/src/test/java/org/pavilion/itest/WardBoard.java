package org.pavilion.itest;

import static org.junit.Assert.assertEquals;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * The example ward board (pavilion-example-subscriber) as the tests read it. A subscriber gets only the events
 * published after it was first seen (events README), and on a first start the board's route can start after the
 * visitor log already takes check-ins: tests that expect a check-in on the board first wait until it listens.
 */
public final class WardBoard {

    /** Beyond the relay's first back-off steps (1+2+4+8+16 s): delivery is at least once, not at once. */
    public static final Duration DELIVERY_BOUND = Duration.ofSeconds(75);

    private WardBoard() {
    }

    /** Check-ins of {@code badge} on the board. */
    public static long entries(Http reader, String badge) throws Exception {
        Http.Response r = reader.get("/api/v1/example/ward-board");
        assertEquals(r.toString(), 200, r.status);
        long n = 0;
        for (JsonNode e : r.json()) {
            if (badge.equals(e.path("badge").asText())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Probes with check-ins (ward LOBBY, badges PROBE-&lt;time&gt;-n, unique however often tests call this) until
     * the board shows one: it listens from then on.
     */
    public static void awaitListening(Http clerk, Http reader, Duration bound) throws Exception {
        String tag = "PROBE-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        int[] probe = {0};
        Await.until("the ward board listens", bound, () -> {
            String badge = tag + "-" + (++probe[0]);
            Http.Response r = clerk.post("/api/v1/example/visits", Http.json().createObjectNode().put("badge", badge)
                    .put("visitorName", "Probe Visitor").put("patientId", "P-000001").put("ward", "LOBBY"));
            assertEquals(r.toString(), 201, r.status);
            Await.until("probe " + badge + " on the board", Duration.ofSeconds(10),
                    () -> assertEquals(1, entries(reader, badge)));
        });
    }

    /** Waits until the board shows exactly one check-in of {@code badge}. */
    public static void awaitEntry(Http reader, String badge) throws Exception {
        Await.until("the ward board hears of badge " + badge, DELIVERY_BOUND,
                () -> assertEquals(1, entries(reader, badge)));
    }
}
