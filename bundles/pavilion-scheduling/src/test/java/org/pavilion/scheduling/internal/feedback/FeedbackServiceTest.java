package org.pavilion.scheduling.internal.feedback;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.scheduling.internal.TestCallers.as;
import static org.pavilion.scheduling.internal.TestCallers.patient;
import static org.pavilion.scheduling.internal.TestCallers.staff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.scheduling.internal.LifecycleDatabase;

/**
 * Dr Ortiz's Monday clinic is over. María (0000004269) rates her completed visit once; her booked visit next week,
 * Pedro's visit and a visit nobody has cannot be rated by her. Eight patients rating at the same moment all count
 * in Dr Ortiz's aggregate; eight submissions of the same rating count once. The medical director reads the comments.
 */
public class FeedbackServiceTest {

    private static final String MARIA = "0000004269";
    private static final String PEDRO = "0000004463";
    private static final String ORTIZ = "doc-ortiz";
    private static final long MONDAY_9 = 1_796_000_000_000L;

    private LifecycleDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final AuditService audit = trail::add;
    private FeedbackService feedback;

    @Before
    public void setUp() throws Exception {
        db = new LifecycleDatabase();
        db.service("GP", "General practice", "Family medicine");
        db.doctor(ORTIZ, "Dr Elena Ortiz");
        db.doctor("doc-sato", "Dr Ken Sato");
        db.appointment("a-maria-done", ORTIZ, "GP", MARIA, MONDAY_9, "COMPLETED");
        db.appointment("a-maria-next", ORTIZ, "GP", MARIA, MONDAY_9 + 7 * 86_400_000L, "BOOKED");
        db.appointment("a-pedro-done", ORTIZ, "GP", PEDRO, MONDAY_9 + 20 * 60_000L, "COMPLETED");
        feedback = new FeedbackService(db.emf, audit, null, () -> { });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void mariaRatesHerCompletedVisitOnceAndTheDoctorsAggregateMoves() throws Exception {
        Feedback f = as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(4, "  Kind and on time.  ")));
        assertEquals(4, f.rating);
        assertEquals("Kind and on time.", f.comment);
        assertEquals(ORTIZ, f.doctorId);
        assertEquals("1", db.value("SELECT rating_count FROM sched_doctor WHERE id = ?", ORTIZ));
        assertEquals("4", db.value("SELECT rating_sum FROM sched_doctor WHERE id = ?", ORTIZ));
        AuditEvent created = trail.get(trail.size() - 1);
        assertEquals("CREATE", created.action());
        assertEquals(MARIA, created.patientId());
        assertEquals(AuditOutcome.SUCCESS, created.outcome());

        assertProblem(409, () -> as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(1, "again"))));
        assertEquals("1", db.value("SELECT rating_count FROM sched_doctor WHERE id = ?", ORTIZ));
        assertEquals("4", db.value("SELECT rating_sum FROM sched_doctor WHERE id = ?", ORTIZ));
        assertEquals(AuditOutcome.FAILED, trail.get(trail.size() - 1).outcome());
    }

    @Test
    public void aVisitNotYetHeldAnotherPatientsVisitAndAnUnknownOneCannotBeRated() throws Exception {
        assertProblem(409, () -> as(maria(), () -> feedback.rate("a-maria-next", new FeedbackRequest(5, null))));
        assertProblem(403, () -> as(maria(), () -> feedback.rate("a-pedro-done", new FeedbackRequest(1, "bad"))));
        assertEquals(AuditOutcome.DENIED, trail.get(trail.size() - 1).outcome());
        assertEquals(PEDRO, trail.get(trail.size() - 1).patientId());
        assertProblem(404, () -> as(maria(), () -> feedback.rate("a-nobody", new FeedbackRequest(5, null))));
        // staff give no feedback in a patient's name, even holding the privilege
        assertProblem(403, () -> as(staff("reception", "scheduling.appointment.own"),
                () -> feedback.rate("a-maria-done", new FeedbackRequest(5, null))));
        assertEquals(0L, db.count("SELECT COUNT(*) FROM sched_feedback"));
        assertEquals("0", db.value("SELECT rating_count FROM sched_doctor WHERE id = ?", ORTIZ));
    }

    @Test
    public void aRatingOutsideOneToFiveOrATooLongCommentIsRefused() throws Exception {
        assertProblem(400, () -> as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(0, null))));
        assertProblem(400, () -> as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(6, null))));
        assertProblem(400, () -> as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(null, "ok"))));
        assertProblem(400, () -> as(maria(), () -> feedback.rate("a-maria-done",
                new FeedbackRequest(3, "x".repeat(2001)))));
        Feedback longest = as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(3, "x".repeat(2000))));
        assertEquals(2000, longest.comment.length());
    }

    @Test
    public void eightPatientsRatingAtTheSameMomentAllCount() throws Exception {
        List<Callable<Feedback>> ratings = new ArrayList<>();
        int expectedSum = 0;
        for (int i = 0; i < 8; i++) {
            String mrn = "00000050" + (10 + i);
            String id = "a-rush-" + i;
            db.appointment(id, "doc-sato", "GP", mrn, MONDAY_9 + i * 20 * 60_000L, "COMPLETED");
            int rating = 1 + i % 5;
            expectedSum += rating;
            Caller caller = patient("p" + i, mrn);
            ratings.add(() -> as(caller, () -> feedback.rate(id, new FeedbackRequest(rating, "visit " + id))));
        }
        List<Outcome> outcomes = runAtOnce(ratings);
        assertEquals(8, outcomes.stream().filter(o -> o.status == 201).count());
        assertEquals("8", db.value("SELECT rating_count FROM sched_doctor WHERE id = ?", "doc-sato"));
        assertEquals(String.valueOf(expectedSum), db.value("SELECT rating_sum FROM sched_doctor WHERE id = ?", "doc-sato"));
    }

    @Test
    public void theSameRatingSentEightTimesAtOnceCountsOnce() throws Exception {
        List<Callable<Feedback>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tries.add(() -> as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(5, "double click"))));
        }
        List<Outcome> outcomes = runAtOnce(tries);
        assertEquals(1, outcomes.stream().filter(o -> o.status == 201).count());
        assertEquals(7, outcomes.stream().filter(o -> o.status == 409).count());
        assertEquals("1", db.value("SELECT rating_count FROM sched_doctor WHERE id = ?", ORTIZ));
        assertEquals("5", db.value("SELECT rating_sum FROM sched_doctor WHERE id = ?", ORTIZ));
    }

    @Test
    public void theMedicalDirectorReadsTheCommentsOfOneDoctorNewestFirstWithoutPatientIds() throws Exception {
        as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(4, "Kind")));
        db.update("UPDATE sched_feedback SET created_ms = 1000 WHERE appointment_id = ?", "a-maria-done");
        as(patient("pedro", PEDRO), () -> feedback.rate("a-pedro-done", new FeedbackRequest(2, "Waited long")));
        Page<Feedback> page = feedback.list(ORTIZ, 0, 1);
        assertEquals(2, page.getTotal());
        assertEquals("Waited long", page.getItems().get(0).comment);
        assertEquals("Kind", feedback.list(ORTIZ, 1, 1).getItems().get(0).comment);
        assertEquals(0, feedback.list("doc-sato", 0, 20).getTotal());
        assertEquals(2, feedback.list(null, 0, 20).getTotal());
        assertProblem(400, () -> feedback.list(ORTIZ, 0, 500));
        AuditEvent search = trail.get(trail.size() - 2);
        assertEquals("SEARCH", search.action());
        assertEquals("0 of 0", search.detail());
    }

    private static Caller maria() {
        return patient("maria", MARIA);
    }

    private record Outcome(int status) {
    }

    /** Runs the tasks on 8 threads released together; each answer 201 or the problem's status. */
    private static List<Outcome> runAtOnce(List<Callable<Feedback>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Callable<Feedback> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        task.call();
                        return new Outcome(201);
                    } catch (ProblemException e) {
                        return new Outcome(e.status());
                    }
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    static void assertProblem(int status, Work work) throws Exception {
        try {
            work.run();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
        }
    }

    @Test
    public void noCommentIsKeptAsNoComment() throws Exception {
        Feedback f = as(maria(), () -> feedback.rate("a-maria-done", new FeedbackRequest(5, "   ")));
        assertNull(f.comment);
        assertTrue(db.column("SELECT comment FROM sched_feedback").contains(null));
    }
}
