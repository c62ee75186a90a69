package org.pavilion.scheduling.internal.waitlist;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.AccessDecision.Outcome;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.internal.TestCallers;
import org.pavilion.scheduling.internal.access.EmrPatientGate;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.DoctorServiceEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;

/**
 * With the EMR installed the waiting list asks its PatientAccess: the desk puts María on the list by her old MRN
 * (0000004366, merged into 0000004269) and the entry is filed under the survivor, where her own account finds it and
 * its offer; Pedro's account gets 403 for her offer and every refusal is audited DENIED with the patient; a number
 * the EMR does not know is 404.
 */
public class WaitingListEmrAccessTest {

    private static final String MARIA = "0000004269";
    private static final String MARIA_DUPLICATE = "0000004366";
    private static final String PEDRO = "0000004463";
    private static final long WEDNESDAY_9AM = Instant.parse("2026-12-09T08:00:00Z").toEpochMilli();

    private static WaitlistDatabase db;
    private final List<AuditEvent> trail = new ArrayList<>();
    private final AuditService audit = trail::add;
    private WaitingList list;
    private SlotOffers offers;

    @BeforeClass
    public static void openDatabase() throws Exception {
        db = new WaitlistDatabase();
    }

    @AfterClass
    public static void closeDatabase() throws Exception {
        db.close();
    }

    @Before
    public void setUp() throws Exception {
        try (Connection c = db.database.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("sched_offer", "sched_waiting", "sched_slot_hold", "sched_appointment",
                    "sched_doctor_service", "sched_doctor", "sched_service")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
        TestClock clock = new TestClock(Instant.parse("2026-12-07T07:00:00Z"));
        list = new WaitingList(db.emf, audit, new EmrPatientGate(new Emr(), audit), clock,
                new WaitlistSettings(ZoneId.of("Europe/Madrid"), 120, 366), TestConstraints.platform());
        offers = new SlotOffers(db.emf, list, audit, new RecordingEvents(), new FakeAppointmentBook(db.emf), clock);
        new JpaTransactions(db.emf).run(em -> {
            ServiceEntity s = new ServiceEntity();
            s.setCode("CARD-FU");
            s.setName("Cardiology follow-up");
            s.setSlotMinutes(30);
            s.setVisitTypes("IN_PERSON,VIDEO");
            s.setActive(true);
            em.persist(s);
            DoctorEntity d = new DoctorEntity();
            d.setId("d-costa");
            d.setDisplayName("Dr Ana Costa");
            d.setActive(true);
            em.persist(d);
            DoctorServiceEntity l = new DoctorServiceEntity();
            l.setDoctorId("d-costa");
            l.setServiceCode("CARD-FU");
            em.persist(l);
        });
    }

    @Test
    public void anEntryMadeByTheOldMrnIsTheSurvivorsAndOnlyHers() throws Exception {
        WaitingEntry entry = as(desk(), () -> list.add(request(MARIA_DUPLICATE)));
        assertEquals(MARIA, entry.patientId);
        assertEquals(List.of(entry.id), as(patient(MARIA), () -> list.listOwn()).stream().map(e -> e.id).toList());

        Offer offer = offers.onAppointmentEvent(AppointmentCancelled.TYPE, cancelled()).orElseThrow();
        assertEquals(List.of(offer.id), as(patient(MARIA), () -> offers.listOwn()).stream().map(o -> o.id).toList());
        expect(403, () -> as(patient(PEDRO), () -> offers.decline(offer.id, true)));
        AuditEvent denied = trail.get(trail.size() - 1);
        assertEquals(AuditOutcome.DENIED, denied.outcome());
        assertEquals(MARIA, denied.patientId());
        expect(403, () -> as(patient(PEDRO), () -> list.removeOwn(entry.id)));
        assertEquals("DECLINED", as(patient(MARIA), () -> offers.decline(offer.id, true)).status);
    }

    @Test
    public void aPatientTheEmrDoesNotKnowCannotWait() throws Exception {
        expect(404, () -> as(desk(), () -> list.add(request("0000009999"))));
        expect(400, () -> as(desk(), () -> list.add(request("P-800"))));
    }

    private String cancelled() throws Exception {
        AppointmentCancelled e = new AppointmentCancelled();
        e.doctorId = "d-costa";
        e.serviceCode = "CARD-FU";
        e.start = Instant.ofEpochMilli(WEDNESDAY_9AM).toString();
        e.end = Instant.ofEpochMilli(WEDNESDAY_9AM + 30 * 60_000L).toString();
        return new ObjectMapper().writeValueAsString(e);
    }

    private static WaitingRequest request(String patientId) {
        WaitingRequest r = new WaitingRequest();
        r.patientId = patientId;
        r.serviceCode = "CARD-FU";
        r.from = "2026-12-07";
        r.to = "2026-12-20";
        return r;
    }

    private static void expect(int status, Callable<?> work) throws Exception {
        try {
            work.call();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
        }
    }

    private static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    private static Caller desk() {
        return TestCallers.caller("rosa.desk", Set.of(WaitingList.MANAGE), null);
    }

    private static Caller patient(String mrn) {
        return TestCallers.caller("patient-" + mrn, Set.of(PatientGate.OWN), mrn);
    }

    /** The EMR's answers in the order of its rules (docs/patient-access.md), as the example department's test has them. */
    private static final class Emr implements PatientAccess {
        private static final Map<String, String> SURVIVORS = Map.of(MARIA, MARIA, MARIA_DUPLICATE, MARIA, PEDRO, PEDRO);

        @Override
        public AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason) {
            Caller c = CallerContext.require();
            boolean own = c.patientId().isPresent();
            if (!c.hasPrivilege(own ? part.ownPatient() : part.anyPatient())) {
                return decision(Outcome.DENIED, "no privilege", mrn, null, part, action);
            }
            if (!mrn.matches("\\d{10}")) {
                return decision(Outcome.INVALID, "not an MRN", mrn, null, part, action);
            }
            String survivor = SURVIVORS.get(mrn);
            if (own && !c.patientId().get().equals(survivor)) {
                return decision(Outcome.DENIED, "not the caller's own record", mrn, null, part, action);
            }
            return survivor == null ? decision(Outcome.NOT_FOUND, "no patient " + mrn, mrn, null, part, action)
                    : decision(Outcome.ALLOWED, null, mrn, survivor, part, action);
        }

        private static AccessDecision decision(Outcome o, String reason, String requested, String mrn, DataPart part,
                Action action) {
            return new AccessDecision(o, reason, requested, mrn, part, action, false, null);
        }
    }
}
