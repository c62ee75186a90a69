package org.pavilion.example.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.events.api.EventPublisher;

/**
 * The front desk checks visitors in for Ward 3B. A badge typed with lower-case letters and a ward left empty come
 * back together in one 400 naming both fields, and nothing is stored, published or audited; a correct check-in, spaces
 * around the badge forgiven, is stored trimmed.
 */
public class CheckInRulesTest {

    private ExampleDatabase db;
    private final List<AuditEvent> trail = new ArrayList<>();
    private final List<Object> published = new ArrayList<>();
    private VisitService visits;

    @Before
    public void setUp() throws Exception {
        db = new ExampleDatabase();
        EventPublisher events = new EventPublisher() {
            @Override
            public String publish(EntityManager em, String eventType, Object payload) {
                published.add(payload);
                return "event-" + published.size();
            }

            @Override
            public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
                return publish(em, eventType, payload);
            }
        };
        visits = new VisitService(db.emf, trail::add, events, null, TestConstraints.platform());
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private static CheckIn checkIn(String badge, String visitor, String patientId, String ward) {
        CheckIn in = new CheckIn();
        in.badge = badge;
        in.visitorName = visitor;
        in.patientId = patientId;
        in.ward = ward;
        return in;
    }

    private ProblemException refused(CheckIn in) {
        try {
            visits.checkIn(in);
            fail("the check-in should have been refused");
        } catch (ProblemException e) {
            return e;
        }
        return null;
    }

    private long storedVisits() {
        return new JpaTransactions(db.emf).call(em ->
                em.createQuery("SELECT COUNT(v) FROM VisitEntity v", Long.class).getSingleResult());
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aLowerCaseBadgeAndAnEmptyWardAreRefusedTogetherAndNothingIsWritten() {
        ProblemException e = refused(checkIn("b-17", "Juan López", "0000004269", " "));

        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(Map.of("field", "badge", "message", "must be 1 to 32 of A-Z, 0-9 or '-'"),
                Map.of("field", "ward", "message", "must not be blank")), e.extensions().get("violations"));
        assertEquals(0, storedVisits());
        assertEquals(List.of(), published);
        assertEquals(List.of(), trail);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aNameLongerThanTheLogKeepsIsRefusedAndAMissingBodyToo() {
        List<Map<String, String>> tooLong = (List<Map<String, String>>) refused(
                checkIn("B-17", "J".repeat(201), "0000004269", "Ward 3B")).extensions().get("violations");
        assertEquals(List.of(Map.of("field", "visitorName", "message", "size must be between 0 and 200")), tooLong);
        assertEquals(List.of(Map.of("field", "body", "message", "a request body is required")),
                refused(null).extensions().get("violations"));
        assertEquals(0, storedVisits());
    }

    @Test
    public void aCorrectCheckInIsStoredTrimmed() {
        Visit v = visits.checkIn(checkIn("  B-17 ", "Juan López", "0000004269", "Ward 3B"));
        assertEquals("B-17", v.badge);
        assertEquals(1, storedVisits());
        assertEquals(1, published.size());
    }
}
