package org.pavilion.events.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;


import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.events.internal.DeadLetter;
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.TestDatabase;

public class DeadLetterResourceTest {

    private TestDatabase db;
    private final List<AuditEvent> audited = new ArrayList<>();
    private DeadLetterResource resource;

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase();
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                s.execute("INSERT INTO events_outbox (id, event_type, payload, source, occurred_ms, relayed, relayed_ms)"
                        + " VALUES ('e" + i + "', 'ChargePosted', '{\"n\":" + i + "}', 'org.pavilion.billing', " + now + ", TRUE, " + now + ")");
                s.execute("INSERT INTO events_delivery (id, event_id, subscriber, status, attempts, next_attempt_ms, last_error, created_ms, updated_ms)"
                        + " VALUES ('d" + i + "', 'e" + i + "', 'insurance', '" + (i < 2 ? "PARKED" : "DELIVERED") + "', 10, "
                        + now + ", 'boom', " + now + ", " + (now + i) + ")");
            }
        }
        resource = new DeadLetterResource(new EventStore(db.dataSource), audited::add, Clock.systemUTC());
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void listsParkedDeliveriesNewestFirstInPages() {
        Page<DeadLetter> first = resource.list(0, 1);
        assertEquals(2, first.getTotal());
        assertEquals("d1", first.getItems().get(0).id);
        assertEquals("d0", resource.list(1, 1).getItems().get(0).id);
        assertEquals(0, resource.list(2, 1).getItems().size());
        assertEquals("{\"n\":0}", resource.get("d0").payload);
        assertThrows(ProblemException.class, () -> resource.list(-1, 20));
        assertThrows(ProblemException.class, () -> resource.list(0, 0));
        assertEquals("every read of event payloads is audited", 4, audited.size());
    }

    @Test
    public void replayPutsADeadLetterBackAndRefusesOthers() {
        DeadLetter replayed = resource.replay("d0");
        assertEquals("PENDING", replayed.status);
        assertEquals(0, replayed.attempts);
        assertEquals(1, resource.list(0, 20).getTotal());
        assertEquals("REPLAY", audited.get(0).action());

        assertEquals(409, assertThrows(ProblemException.class, () -> resource.replay("d0")).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> resource.replay("d2")).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> resource.replay("nope")).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> resource.get("nope")).status());
    }

    @Test
    public void discardGivesUpOnADeadLetterAndRefusesOthers() {
        DeadLetter discarded = resource.discard("d1");
        assertEquals("DISCARDED", discarded.status);
        assertEquals(1, resource.list(0, 20).getTotal());
        assertEquals("DISCARD", audited.get(0).action());

        assertEquals(409, assertThrows(ProblemException.class, () -> resource.discard("d1")).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> resource.replay("d1")).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> resource.discard("d2")).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> resource.discard("nope")).status());
    }

    @Test
    public void onlyAdministratorsMayUseItAsBeforePrivileges() throws Exception {
        Set<String> admin = Set.of("ADMIN");
        new PrivilegeMatrix().assertRest(DeadLetterResource.class, Map.of("list", admin, "get", admin, "replay", admin, "discard", admin));
    }
}
