package org.pavilion.example.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * The visitor log's privacy participant on the real change log: María López was registered twice (0000004269 and
 * 0000004366); her visitors were logged under both. The merge moves the duplicate's visits to the survivor, the
 * export lists them all, the erasure deletes hers and nobody else's, and each runs again without harm.
 */
public class VisitorLogPrivacyTest {

    private static final String SURVIVOR = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final String NEIGHBOUR = "0000004463";

    private ExampleDatabase db;
    private VisitorLogPrivacy privacy;

    @Before
    public void setUp() throws Exception {
        db = new ExampleDatabase();
        privacy = new VisitorLogPrivacy(db.emf);
        visit("B-1", "Juan López", SURVIVOR);
        visit("B-2", "Ana López", DUPLICATE);
        visit("B-3", "Pedro Ruiz", NEIGHBOUR);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aMergeRepointsTheDuplicatesVisitsAndRepeatingItMovesNothing() {
        ParticipantOutcome first = privacy.merge(SURVIVOR, DUPLICATE);
        assertEquals(Long.valueOf(1), first.items(Action.REPOINTED).get(0).count());
        assertEquals(List.of("B-1", "B-2"), badgesOf(SURVIVOR));
        assertEquals(List.of(), badgesOf(DUPLICATE));
        assertEquals(Long.valueOf(0), privacy.merge(SURVIVOR, DUPLICATE).items(Action.REPOINTED).get(0).count());
        assertEquals(List.of("B-3"), badgesOf(NEIGHBOUR));
    }

    @Test
    public void theExportListsEveryVisitOfEveryMrnOfTheRecordAsJson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(), out);
        JsonNode visits = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("visits");
        assertEquals(2, visits.size());
        assertEquals("Juan López", visits.get(0).get("visitorName").asText());
        assertEquals(DUPLICATE, visits.get(1).get("patientId").asText());
    }

    @Test
    public void anErasureDeletesThePatientsVisitsOnlyAndIsIdempotent() {
        ParticipantOutcome first = privacy.erase(subject());
        assertEquals(Long.valueOf(2), first.items(Action.REMOVED).get(0).count());
        assertTrue(first.items(Action.REMOVED).get(0).why().contains("not part of the medical record"));
        assertEquals(List.of(), badgesOf(SURVIVOR));
        assertEquals(List.of(), badgesOf(DUPLICATE));
        assertEquals(List.of("B-3"), badgesOf(NEIGHBOUR));
        assertEquals(Long.valueOf(0), privacy.erase(subject()).items(Action.REMOVED).get(0).count());
    }

    private static PrivacySubject subject() {
        return new PrivacySubject(List.of(SURVIVOR, DUPLICATE), List.of(),
                List.of(new PrivacySubject.Name("María", "López")), List.of("1984-03-01"), "FULL", Instant.now());
    }

    private void visit(String badge, String visitor, String mrn) {
        VisitEntity e = new VisitEntity();
        e.setId(UUID.randomUUID().toString());
        e.setBadge(badge);
        e.setVisitorName(visitor);
        e.setPatientId(mrn);
        e.setWard("Ward 3B");
        e.setCheckedInMs(1_764_000_000_000L + badge.charAt(2)); // B-1 came first
        e.setRecordedBy("reception");
        new JpaTransactions(db.emf).call(em -> {
            em.persist(e);
            return null;
        });
    }

    private List<String> badgesOf(String mrn) {
        return new JpaTransactions(db.emf).call(em -> em.createQuery(
                "SELECT v.badge FROM VisitEntity v WHERE v.patientId = :p ORDER BY v.badge", String.class)
                .setParameter("p", mrn).getResultList());
    }
}
