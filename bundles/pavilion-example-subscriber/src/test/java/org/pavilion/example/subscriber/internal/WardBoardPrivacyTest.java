package org.pavilion.example.subscriber.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * The ward board's privacy participant on the board's real change log. Ward 3B's board heard three check-ins: Juan
 * visiting María López (0000004269), Ana visiting her second registration (0000004366, merged into the first), and a
 * visitor of Pedro Ruiz (0000004463). The merge moves the duplicate's line to the survivor, the export lists both of
 * hers, the erasure deletes hers and not Pedro's, each again without harm; a check-in redacted by the event store's
 * erasure before the board heard it leaves no line.
 */
public class WardBoardPrivacyTest {

    private static final String SURVIVOR = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final String NEIGHBOUR = "0000004463";

    private ChangeLogDatabase db;
    private EntityManagerFactory emf;
    private WardBoard board;
    private WardBoardPrivacy privacy;

    @Before
    public void setUp() throws Exception {
        db = new ChangeLogDatabase("example_board", WardBoard.CHANGELOG);
        emf = Persistence.createEntityManagerFactory("board-test",
                Map.of("openjpa.ConnectionURL", db.url(), "openjpa.ConnectionDriverName", db.driverClass()));
        board = new WardBoard(emf);
        privacy = new WardBoardPrivacy(emf);
        checkIn("e-1", "B-1", "Juan López", SURVIVOR);
        checkIn("e-2", "B-2", "Ana López", DUPLICATE);
        checkIn("e-3", "B-3", "Lucía Ruiz", NEIGHBOUR);
    }

    @After
    public void tearDown() throws Exception {
        if (emf != null) {
            emf.close();
        }
        db.close();
    }

    @Test
    public void aMergeMovesTheDuplicatesLineToTheSurvivorOnceAndLeavesTheNeighbour() {
        assertEquals(Long.valueOf(1), privacy.merge(SURVIVOR, DUPLICATE).items(Action.REPOINTED).get(0).count());
        assertEquals(List.of("B-1", "B-2"), badgesOf(SURVIVOR));
        assertEquals(List.of(), badgesOf(DUPLICATE));
        assertEquals(Long.valueOf(0), privacy.merge(SURVIVOR, DUPLICATE).items(Action.REPOINTED).get(0).count());
        assertEquals(List.of("B-3"), badgesOf(NEIGHBOUR));
    }

    @Test
    public void theExportListsHerBoardLinesUnderEveryMrnOfTheRecord() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(), out);
        JsonNode lines = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("boardLines");
        assertEquals(2, lines.size());
        assertEquals("B-1", lines.get(0).get("badge").asText());
        assertEquals("Ward 3B", lines.get(0).get("ward").asText());
        assertEquals(DUPLICATE, lines.get(1).get("patientId").asText());
    }

    @Test
    public void anErasureDeletesHerLinesOnlyAndRunsAgainWithoutHarm() {
        ParticipantOutcome first = privacy.erase(subject());
        assertEquals(Long.valueOf(2), first.items(Action.REMOVED).get(0).count());
        assertTrue(first.items(Action.REMOVED).get(0).why().contains("not part of the medical record"));
        assertEquals(List.of(), badgesOf(SURVIVOR));
        assertEquals(List.of(), badgesOf(DUPLICATE));
        assertEquals(List.of("B-3"), badgesOf(NEIGHBOUR));
        assertEquals(Long.valueOf(0), privacy.erase(subject()).items(Action.REMOVED).get(0).count());
    }

    @Test
    public void aCheckInRedactedBeforeTheBoardHeardItLeavesNoLine() throws Exception {
        assertFalse(board.record("e-4", "{\"redacted\":true,\"reason\":\"the patient's data was erased (GDPR)\","
                + "\"redactedAt\":\"2026-12-03T10:00:00Z\"}"));
        assertEquals(3, board.entries("Ward 3B").size());
        assertFalse("a redelivery changes nothing", board.record("e-1", payload("B-1", "Juan López", SURVIVOR)));
    }

    private static PrivacySubject subject() {
        return new PrivacySubject(List.of(SURVIVOR, DUPLICATE), List.of(),
                List.of(new PrivacySubject.Name("María", "López")), List.of("1984-03-01"), "FULL", Instant.now());
    }

    private void checkIn(String eventId, String badge, String visitor, String mrn) throws Exception {
        assertTrue(board.record(eventId, payload(badge, visitor, mrn)));
        Thread.sleep(2); // the board orders by arrival
    }

    private static String payload(String badge, String visitor, String mrn) {
        return "{\"visitId\":\"v-" + badge + "\",\"badge\":\"" + badge + "\",\"visitorName\":\"" + visitor
                + "\",\"patientId\":\"" + mrn + "\",\"ward\":\"Ward 3B\",\"checkedInAt\":\"2026-12-03T09:00:00Z\"}";
    }

    private List<String> badgesOf(String mrn) {
        return board.entries("Ward 3B").stream().filter(e -> e.patientId.equals(mrn)).map(e -> e.badge).sorted()
                .toList();
    }
}
