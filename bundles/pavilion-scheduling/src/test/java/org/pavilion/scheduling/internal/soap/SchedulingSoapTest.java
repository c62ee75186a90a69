package org.pavilion.scheduling.internal.soap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.scheduling.internal.TestCallers.as;
import static org.pavilion.scheduling.internal.TestCallers.patient;
import static org.pavilion.scheduling.internal.TestCallers.staff;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.scheduling.internal.LifecycleDatabase;
import org.pavilion.scheduling.internal.ScriptedAppointmentBook;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;
import org.pavilion.scheduling.internal.booking.AppointmentLists;
import org.pavilion.scheduling.internal.schedule.FreeSlots;
import org.pavilion.scheduling.internal.schedule.SlotRules;
import org.pavilion.scheduling.internal.schedule.SlotView;

/**
 * The regional referral system talks SOAP to the hospital: it looks for free dermatology slots, books one for María
 * (0000004269), cancels another, reads appointments and lists María's. The SOAP class is called directly, with a
 * fake book and free-slot search and the real tables for reads; every business error arrives as a SchedulingFault
 * with the type and status a REST client would see.
 */
public class SchedulingSoapTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final String MARIA = "0000004269";
    private static final String PEDRO = "0000004463";
    /** 2026-12-07T08:30:00Z, 09:30 in Madrid. */
    private static final long MONDAY_0930 = 1_796_632_200_000L;

    private LifecycleDatabase db;
    private final List<AuditEvent> trail = new ArrayList<>();
    private final AuditService audit = trail::add;
    private final List<AppointmentBook.BookingRequest> booked = new ArrayList<>();
    private final List<FreeSlots.Query> searched = new ArrayList<>();
    private final List<Caller> readers = new ArrayList<>();
    private SchedulingSoap soap;

    @Before
    public void setUp() throws Exception {
        db = new LifecycleDatabase();
        db.service("DERM", "Dermatology consultation", "Dermatology");
        db.doctor("doc-sato", "Dr Ken Sato");
        db.appointment("a-maria-1", "doc-sato", "DERM", MARIA, MONDAY_0930, "BOOKED");
        db.appointment("a-maria-0", "doc-sato", "DERM", MARIA, MONDAY_0930 - 7 * 86_400_000L, "COMPLETED");
        db.appointment("a-pedro", "doc-sato", "DERM", PEDRO, MONDAY_0930 + 3_600_000L, "BOOKED");
        AppointmentBook book = new ScriptedAppointmentBook() {
            @Override
            public Appointment book(BookingRequest request) {
                booked.add(request);
                if (request.startsMs() == MONDAY_0930) {
                    throw ProblemException.conflict("The doctor is already booked at that time");
                }
                Appointment a = new Appointment();
                a.id = "a-new";
                a.patientId = request.patientId();
                a.status = "BOOKED";
                return a;
            }

            @Override
            public Appointment cancel(String id, String reason, Channel channel) {
                throw ProblemException.notFound("Appointment", id);
            }

            @Override
            public Appointment get(String id) {
                readers.add(CallerContext.require());
                if (!"a-maria-1".equals(id)) {
                    throw ProblemException.notFound("Appointment", id);
                }
                Appointment a = new Appointment();
                a.id = id;
                a.patientId = MARIA;
                a.status = "BOOKED";
                return a;
            }
        };
        SlotRules madrid = new SlotRules() {
            @Override
            public Slot slotAt(String doctorId, String serviceCode, String visitType, long startsMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Slot externalSlot(String doctorId, String serviceCode, String visitType, long startsMs,
                    long endsMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ZoneId zone() {
                return MADRID;
            }
        };
        FreeSlots slots = query -> {
            searched.add(query);
            return List.of(new SlotRules.Slot("doc-sato", "Dr Ken Sato", "Dermatology", "DERM",
                    "Dermatology consultation", "IN_PERSON", "Room 2", MONDAY_0930 + 7_200_000L,
                    MONDAY_0930 + 8_400_000L));
        };
        soap = new SchedulingSoap(book, new AppointmentLists(db.emf, madrid, audit, null), slots, MADRID);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void freeSlotsAreFoundWithInstantsAndTheHospitalsWallClock() throws Exception {
        List<SlotView> found = soap.findFreeSlots(null, "Dermatology", " ", "2026-12-07", "2026-12-11", null);
        assertEquals(1, found.size());
        assertEquals("2026-12-07T10:30:00Z", found.get(0).start);
        assertEquals("2026-12-07T11:30", found.get(0).localStart);
        FreeSlots.Query q = searched.get(0);
        assertEquals("Dermatology", q.specialty());
        assertNull(q.serviceCode());
        assertEquals(LocalDate.of(2026, 12, 7), q.from());
        assertEquals(SchedulingSoap.DEFAULT_LIMIT, q.limit());
        assertFault(400, "urn:pavilion:problem:validation",
                () -> soap.findFreeSlots(null, null, "DERM", "7 Dec", "2026-12-11", 5));
    }

    @Test
    public void aBookingGoesThroughTheBookAtTheDeskAndATakenTimeIsA409Fault() throws Exception {
        Appointment a = as(integration(), () -> soap.bookAppointment(MARIA, "doc-sato", "DERM", "IN_PERSON",
                "2026-12-07T10:30", "itchy rash"));
        assertEquals("a-new", a.id);
        AppointmentBook.BookingRequest request = booked.get(0);
        assertEquals(AppointmentBook.Channel.DESK, request.channel());
        assertEquals(MONDAY_0930 + 3_600_000L, request.startsMs()); // 10:30 in Madrid
        assertEquals("itchy rash", request.reason());

        assertFault(409, "urn:pavilion:problem:conflict", () -> soap.bookAppointment(MARIA, "doc-sato", "DERM",
                "IN_PERSON", "2026-12-07T08:30:00Z", null));
        assertFault(400, "urn:pavilion:problem:validation", () -> soap.bookAppointment(MARIA, "doc-sato", "DERM",
                "IN_PERSON", "Monday morning", null));
        assertFault(404, "urn:pavilion:problem:not-found", () -> soap.cancelAppointment("a-gone", "moved away"));
        assertFault(400, "urn:pavilion:problem:validation", () -> soap.cancelAppointment(" ", "moved away"));
    }

    @Test
    public void anAppointmentIsReadThroughTheBookWithTheDesksViewPrivilege() throws Exception {
        Appointment a = as(integration(), () -> soap.getAppointment("a-maria-1"));
        assertEquals(MARIA, a.patientId);
        Caller reader = readers.get(0);
        assertEquals("referral-system", reader.username());
        assertTrue("the SOAP privilege grants the desk's view", reader.hasPrivilege("scheduling.appointment.view"));
        assertFault(404, "urn:pavilion:problem:not-found", () -> as(integration(), () -> soap.getAppointment("a-x")));
        assertFault(400, "urn:pavilion:problem:validation", () -> soap.getAppointment(" "));
    }

    @Test
    public void aPatientsAppointmentsAreListedEarliestFirstAndAnotherPatientsAreForbidden() throws Exception {
        List<Appointment> list = as(integration(), () -> soap.listPatientAppointments(MARIA));
        assertEquals(List.of("a-maria-0", "a-maria-1"), list.stream().map(x -> x.id).toList());
        AuditEvent search = trail.get(trail.size() - 1);
        assertEquals("SEARCH", search.action());
        assertEquals(MARIA, search.patientId());
        assertEquals("2 of 2", search.detail());
        assertEquals("2026-12-07T09:30", list.get(1).localStart);
        assertEquals("Dr Ken Sato", list.get(1).doctorName);

        // a patient's own account (should one hold the SOAP privilege) reads its own record only
        Caller maria = patient("maria", MARIA);
        assertEquals(2, as(maria, () -> soap.listPatientAppointments(MARIA)).size());
        assertFault(403, "urn:pavilion:problem:forbidden", () -> as(maria, () -> soap.listPatientAppointments(PEDRO)));
        assertEquals(AuditOutcome.DENIED, trail.get(trail.size() - 1).outcome());
        assertFault(400, "urn:pavilion:problem:validation", () -> soap.listPatientAppointments(""));
    }

    private static Caller integration() {
        return staff("referral-system", "scheduling.soap.view", "scheduling.soap.book");
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void assertFault(int status, String type, Call call) throws Exception {
        try {
            call.run();
            fail("expected a fault " + status);
        } catch (SchedulingFault f) {
            assertEquals(f.getDetail(), status, f.getStatus());
            assertEquals(type, f.getProblemType());
        }
    }
}
