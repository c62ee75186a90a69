package org.pavilion.emr.internal.portal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.pavilion.core.testing.TestAccounts.patientAccount;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.PatientUpdated;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.Patient;
import org.pavilion.emr.internal.PatientDemographics;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.events.api.EventPublisher;

/**
 * Carmen Vidal looks after her own record from the portal: she changes her phone and email, says she prefers
 * SMS, and asks for her data to be erased; an administrator sees the request and closes it. Her account names no
 * MRN anywhere: the account's patientId decides whose record it is. On the EMR's real change logs (H2, or
 * PostgreSQL with -Dpavilion.test.postgres).
 */
public class PortalSelfServiceTest {

    private static final Caller FRONT_DESK = Caller.inContainer("reception", Set.of("emr.patient.register"),
            "127.0.0.1");
    private static final Caller ADMIN = Caller.inContainer("admin", Set.of("emr.privacy.erase"), "127.0.0.1");
    private static final Caller STAFF_WITHOUT_PATIENT = Caller.inContainer("nurse", Set.of("emr.patient.view"),
            "127.0.0.1");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private OwnContacts contacts;
    private ErasureRequests erasure;
    private String carmen;
    private Caller carmenAccount;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        EventPublisher publisher = new EventPublisher() {
            @Override
            public String publish(EntityManager em, String eventType, Object payload) {
                return publish(em, eventType, null, payload);
            }

            @Override
            public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
                events.add(eventType);
                return "ev-" + events.size();
            }
        };
        PatientService patients = new PatientService(db.emf, trail::add, publisher,
                new ClinicalAccess(db.emf, trail::add), TestConstraints.platform());
        contacts = new OwnContacts(db.emf, trail::add, patients);
        erasure = new ErasureRequests(db.emf, trail::add);
        PatientDemographics d = new PatientDemographics();
        d.givenName = "Carmen";
        d.familyName = "Vidal";
        d.sex = "FEMALE";
        d.birthDate = "1958-11-02";
        d.phones = new ArrayList<>(List.of("+33 1 40 00 00 00"));
        d.preferredLanguage = "fr";
        carmen = CallerContext.runAs(FRONT_DESK, () -> patients.register(d, false)).mrn;
        carmenAccount = patientAccount("carmen.vidal", carmen, "emr.patient.view", "emr.portal.contact-own",
                "emr.privacy.request-erasure");
        events.clear();
        trail.clear();
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void carmenChangesHerPhoneAndEmailAndPrefersSms() throws Exception {
        OwnContact mine = CallerContext.runAs(carmenAccount, contacts::get);
        assertEquals(List.of("+33 1 40 00 00 00"), mine.phones);
        assertNull(mine.preferredChannel);

        mine.phones = List.of("+33 6 12 34 56 78");
        mine.email = "carmen.vidal@example.org";
        mine.preferredChannel = "sms";
        mine.preferredLanguage = "es";
        OwnContact saved = CallerContext.runAs(carmenAccount, () -> contacts.update(mine));
        assertEquals("SMS", saved.preferredChannel);

        OwnContact reread = CallerContext.runAs(carmenAccount, contacts::get);
        assertEquals(List.of("+33 6 12 34 56 78"), reread.phones);
        assertEquals("carmen.vidal@example.org", reread.email);
        assertEquals("es", reread.preferredLanguage);
        assertEquals("SMS", reread.preferredChannel);
        PatientEntity stored = new JpaTransactions(db.emf).call(em -> em.find(PatientEntity.class, carmen));
        assertEquals("Vidal", stored.getFamilyName());
        assertEquals("1958-11-02", stored.getBirthDate());
        assertEquals(List.of(PatientUpdated.TYPE), events);
        assertTrue("the change is audited against Carmen", trail.stream().anyMatch(e -> "UPDATE".equals(e.action())
                && OwnContacts.RESOURCE.equals(e.resourceType()) && carmen.equals(e.patientId())));
    }

    @Test
    public void aChannelTheHospitalCannotUseAndABadPhoneAreRefused() throws Exception {
        OwnContact mine = CallerContext.runAs(carmenAccount, contacts::get);
        mine.preferredChannel = "EMAIL";
        assertEquals(400, refusal(carmenAccount, mine).status());
        mine.preferredChannel = "PIGEON";
        assertEquals(400, refusal(carmenAccount, mine).status());
        mine.preferredChannel = "SMS";
        mine.phones = List.of("call me");
        assertEquals(400, refusal(carmenAccount, mine).status());
        mine.phones = List.of("+33 1 40 00 00 00");
        mine.preferredChannel = "POST";
        assertEquals("no address registered", 400, refusal(carmenAccount, mine).status());
        assertTrue(events.isEmpty());
    }

    @Test
    public void aChangeMadeAtTheFrontDeskMeanwhileIsNotOverwritten() throws Exception {
        OwnContact mine = CallerContext.runAs(carmenAccount, contacts::get);
        mine.version = mine.version - 1;
        assertEquals(412, refusal(carmenAccount, mine).status());
    }

    @Test
    public void anAccountWithoutAPatientHasNoOwnContactsNorErasure() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> CallerContext.runAs(STAFF_WITHOUT_PATIENT, contacts::get));
        assertEquals(403, refused.status());
        refused = assertThrows(ProblemException.class,
                () -> CallerContext.runAs(STAFF_WITHOUT_PATIENT, () -> erasure.request(null)));
        assertEquals(403, refused.status());
    }

    @Test
    public void oneOpenErasureRequestAtATimeHandledByAnAdministrator() throws Exception {
        assertNull(CallerContext.runAs(carmenAccount, erasure::own));
        ErasureRequest filed = CallerContext.runAs(carmenAccount, () -> erasure.request("Moving abroad"));
        assertEquals("OPEN", filed.status);
        ProblemException twice = assertThrows(ProblemException.class,
                () -> CallerContext.runAs(carmenAccount, () -> erasure.request("again")));
        assertEquals(409, twice.status());
        assertTrue(twice.type().endsWith(ErasureRequests.ALREADY_OPEN));

        Page<ErasureRequest> open = CallerContext.runAs(ADMIN, () -> erasure.list(null, 0, 20));
        assertEquals(1, open.getTotal());
        assertEquals(carmen, open.getItems().get(0).mrn);
        ProblemException noReason = assertThrows(ProblemException.class,
                () -> CallerContext.runAs(ADMIN, () -> erasure.close(filed.id, "DECLINED", " ")));
        assertEquals(400, noReason.status());
        ErasureRequest done = CallerContext.runAs(ADMIN, () -> erasure.close(filed.id, "done", null));
        assertEquals("DONE", done.status);
        assertEquals(0, CallerContext.runAs(ADMIN, () -> erasure.list("OPEN", 0, 20)).getTotal());
        assertEquals("DONE", CallerContext.runAs(carmenAccount, erasure::own).status);

        // Closed: she may ask again.
        assertEquals("OPEN", CallerContext.runAs(carmenAccount, () -> erasure.request(null)).status);
        assertTrue(trail.stream().anyMatch(e -> "CREATE".equals(e.action())
                && ErasureRequests.RESOURCE.equals(e.resourceType()) && carmen.equals(e.patientId())));
        assertTrue(trail.stream().anyMatch(e -> "UPDATE".equals(e.action()) && "admin".equals(
                e.caller() == null ? "admin" : e.caller().username()) && carmen.equals(e.patientId())));
    }

    @Test
    public void twoRequestsAtOnceLeaveOneOpen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        CallerContext.runAs(carmenAccount, () -> erasure.request("double tap"));
                        return 201;
                    } catch (ProblemException e) {
                        return e.status();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            Collections.sort(statuses);
            assertEquals(List.of(201, 409), statuses);
            assertEquals(1, CallerContext.runAs(ADMIN, () -> erasure.list("ALL", 0, 20)).getTotal());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void theChannelIsExportedAndErasedTheRequestIsKept() throws Exception {
        OwnContact mine = CallerContext.runAs(carmenAccount, contacts::get);
        mine.preferredChannel = "PHONE";
        CallerContext.runAs(carmenAccount, () -> contacts.update(mine));
        CallerContext.runAs(carmenAccount, () -> erasure.request("Please erase"));
        PortalPrivacy privacy = new PortalPrivacy(db.emf);
        PrivacySubject subject = new PrivacySubject(List.of(carmen), null, null, null, null, Instant.now());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject, out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json, json.contains("\"preferredChannel\":\"PHONE\"") && json.contains("Please erase"));

        privacy.erase(subject);
        assertNull(CallerContext.runAs(carmenAccount, contacts::get).preferredChannel);
        assertEquals("OPEN", CallerContext.runAs(carmenAccount, erasure::own).status);
    }

    private ProblemException refusal(Caller who, OwnContact in) {
        return assertThrows(ProblemException.class, () -> CallerContext.runAs(who, () -> contacts.update(in)));
    }

}
