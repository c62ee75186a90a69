package org.pavilion.notifications.internal.recipients;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.notifications.internal.recipients.Hospital.ADMIN;
import static org.pavilion.notifications.internal.recipients.Hospital.NURSE;
import static org.pavilion.notifications.internal.recipients.Hospital.as;
import static org.pavilion.notifications.internal.recipients.Hospital.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.notifications.internal.NotificationsDatabase;

/**
 * The administrator enters the on-call doctors' pagers for critical results; a typo-ridden form comes back with every
 * mistake at once. Nurse Kim keeps her own entry. The trail names whose entry, never the address itself.
 */
public class StaffContactsTest {

    private NotificationsDatabase db;
    private RecordingAudit audit;
    private StaffContactResource admin;
    private MyContactResource me;

    @Before
    public void open() throws Exception {
        db = new NotificationsDatabase();
        audit = new RecordingAudit();
        StaffContacts contacts = new StaffContacts(db.emf, audit, Hospital.CLOCK);
        admin = new StaffContactResource(contacts);
        me = new MyContactResource(contacts);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void aFormWithThreeMistakesListsAllThree() throws Exception {
        try {
            as(ADMIN, () -> admin.put("dr.grey", new StaffContactBodies.Update("grey@@hospital", "079 555 01 02",
                    "not a language!")));
            fail("accepted");
        } catch (ProblemException p) {
            assertEquals(422, p.status());
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) p.extensions().get("problems");
            assertEquals(problems.toString(), 3, problems.size());
            assertTrue(problems.get(0).startsWith("email:"));
            assertTrue(problems.get(1).startsWith("phone:"));
            assertTrue(problems.get(2).startsWith("language:"));
            assertTrue(p.detail().contains("E.164"));
        }
        assertEquals("a number too short", 422, status(() -> as(ADMIN, () -> admin.put("dr.grey",
                new StaffContactBodies.Update(null, "+41 79", null)))));
        assertEquals("nothing to reach them by", 422, status(() -> as(ADMIN, () -> admin.put("dr.grey",
                new StaffContactBodies.Update(" ", "", "en")))));
        assertEquals(3, audit.with("UPDATE", "notification-contact", AuditOutcome.FAILED).size());
        assertEquals(404, status(() -> as(ADMIN, () -> admin.get("dr.grey"))));
    }

    @Test
    public void theOnCallDoctorsAreEnteredListedAndOneLeaves() throws Exception {
        StaffContactBodies.Contact grey = as(ADMIN, () -> admin.put("dr.grey",
                new StaffContactBodies.Update(" grey@hospital.example ", "+41 79-555 01 02", "fr-ca")));
        assertEquals("grey@hospital.example", grey.email);
        assertEquals("separators removed", "+41795550102", grey.phone);
        assertEquals("canonical case", "fr-CA", grey.language);
        assertEquals("admin", grey.updatedBy);
        as(ADMIN, () -> admin.put("dr.house", new StaffContactBodies.Update(null, "+12025550123", null)));
        as(ADMIN, () -> admin.put("dr.hunt", new StaffContactBodies.Update("hunt@hospital.example", null, "en-GB")));

        Page<StaffContactBodies.Contact> first = as(ADMIN, () -> admin.list(null, 0, 2));
        assertEquals(3, first.getTotal());
        assertEquals(List.of("dr.grey", "dr.house"), first.getItems().stream().map(c -> c.username).toList());
        assertEquals(List.of("dr.house", "dr.hunt"), as(ADMIN, () -> admin.list("dr.h", 0, 50)).getItems().stream()
                .map(c -> c.username).toList());

        StaffContactBodies.Contact changed = as(ADMIN, () -> admin.put("dr.grey",
                new StaffContactBodies.Update("grey@hospital.example", null, null)));
        assertNull("a field left out is removed", changed.phone);
        as(ADMIN, () -> {
            admin.delete("dr.house");
            return null;
        });
        assertEquals(404, status(() -> as(ADMIN, () -> admin.get("dr.house"))));
        assertEquals(404, status(() -> as(ADMIN, () -> {
            admin.delete("dr.house");
            return null;
        })));

        assertEquals(1, audit.with("CREATE", "notification-contact", AuditOutcome.SUCCESS).stream()
                .filter(e -> "dr.grey".equals(e.resourceId())).count());
        assertEquals(1, audit.with("UPDATE", "notification-contact", AuditOutcome.SUCCESS).size());
        assertEquals(1, audit.with("DELETE", "notification-contact", AuditOutcome.SUCCESS).size());
        assertTrue("no address in the trail", audit.records.stream()
                .noneMatch(e -> e.detail() != null && e.detail().contains("hospital.example")));
    }

    @Test
    public void nurseKimKeepsHerOwnEntry() throws Exception {
        StaffContactBodies.Contact none = as(NURSE, () -> me.get());
        assertEquals("nurse.kim", none.username);
        assertNull(none.email);
        assertNull(none.updatedAt);

        as(NURSE, () -> me.put(new StaffContactBodies.Update("kim@hospital.example", "+41 22 555 77 88", "de-CH")));

        StaffContactBodies.Contact kim = as(NURSE, () -> me.get());
        assertEquals("kim@hospital.example", kim.email);
        assertEquals("+41225557788", kim.phone);
        assertEquals("nurse.kim", kim.updatedBy);
        assertEquals(kim.email, as(ADMIN, () -> admin.get("nurse.kim")).email);
        assertEquals(422, status(() -> as(NURSE, () -> me.put(new StaffContactBodies.Update("kim", null, null)))));
        assertEquals("kim@hospital.example", Directory.of(db.emf, null).staff("nurse.kim").orElseThrow().email());
    }

    @Test
    public void twoAdministratorsEnteringTheSameNewDoctorAtOnceGetAnAnswerEachAndOneEntry() throws Exception {
        int admins = 6;
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        CyclicBarrier start = new CyclicBarrier(admins);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                String phone = "+4179555010" + i;
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return status(() -> as(ADMIN, () -> admin.put("dr.new",
                            new StaffContactBodies.Update(null, phone, null))));
                }));
            }
            int saved = 0;
            for (Future<Integer> a : answers) {
                int s = a.get(60, TimeUnit.SECONDS);
                assertTrue("answered " + s, s == -1 || s == 409);
                saved += s == -1 ? 1 : 0;
            }
            assertTrue(saved >= 1);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, (long) db.jpa.call(em -> em.createQuery("SELECT COUNT(c) FROM StaffContactEntity c",
                Long.class).getSingleResult()));
        assertTrue(as(ADMIN, () -> admin.get("dr.new")).phone.startsWith("+4179555010"));
    }
}
