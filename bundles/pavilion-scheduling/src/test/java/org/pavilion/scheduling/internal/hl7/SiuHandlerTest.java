package org.pavilion.scheduling.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook.BookingRequest;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * The outpatient clinic's own scheduling system (CLINICSCHED) books, moves and cancels cardiology appointments over
 * HL7 v2.5.1; the department's doctors and services are the real tables, on H2 and on PostgreSQL when
 * {@code -Dpavilion.test.postgres} names one. The book itself is an in-memory stand-in that refuses as the real one
 * does (409 clash, 404 unknown).
 */
@RunWith(Parameterized.class)
public class SiuHandlerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> databases() {
        return List.of(new Object[] {"H2"}, new Object[] {"PostgreSQL"});
    }

    /**
     * The doctors and services, one database per kind for the whole class: the handler only reads them, and a
     * fresh change log per test would cost a second each.
     */
    private static final Map<String, Directory> DIRECTORIES = new HashMap<>();

    /** A database with the department's doctors and services, and the unit that reads them. */
    private static final class Directory implements AutoCloseable {
        final ChangeLogDatabase db;
        final EntityManagerFactory emf;

        Directory(boolean postgres) throws Exception {
            db = new ChangeLogDatabase("sched_hl7", "db/scheduling-changelog.xml", postgres);
            emf = Persistence.createEntityManagerFactory("scheduling-test",
                    Map.of("openjpa.ConnectionURL", db.url(), "openjpa.ConnectionDriverName", db.driverClass()));
            try (Connection c = db.getConnection()) {
                service(c, "CARD-FU", "Cardiology follow-up", 20, "IN_PERSON,VIDEO");
                service(c, "TELE-DERM", "Teledermatology consultation", 15, "VIDEO");
                doctor(c, "d-berg", "aberg", "Dr Anna Berg");
                doctor(c, "d-osei", "kosei", "Dr Kwame Osei");
                doctor(c, "d-lund", "hlund", "Dr Henrik Lund");
            }
        }

        @Override
        public void close() throws SQLException {
            emf.close();
            db.close();
        }
    }

    private final String database;
    private EntityManagerFactory emf;
    /** The hub's stores and the book's writes, in the order they happened. */
    private final List<String> journal = new ArrayList<>();
    private FakeAppointmentBook book;
    private SiuHandler handler;
    /** Set: the hub finds an earlier delivery of the message completed. */
    private boolean answeredBefore;

    private final Completion completion = new Completion() {
        @Override
        public void store() {
            if (answeredBefore) {
                throw new IllegalStateException("an earlier delivery was answered");
            }
            journal.add("store");
        }

        @Override
        public void commit(Connection transaction, Outcome outcome, Callable<Void> commit) {
            throw new AssertionError("the book commits on its own: the handler stores first");
        }
    };

    public SiuHandlerTest(String database) {
        this.database = database;
    }

    @Before
    public void open() throws Exception {
        boolean postgres = database.equals("PostgreSQL");
        Assume.assumeTrue("no -Dpavilion.test.postgres", !postgres || !ChangeLogDatabase.POSTGRES.isEmpty());
        Directory directory = DIRECTORIES.get(database);
        if (directory == null) {
            directory = new Directory(postgres);
            DIRECTORIES.put(database, directory);
        }
        emf = directory.emf;
        // Dr Lund is in the directory but has no hours the book can place an appointment in.
        book = new FakeAppointmentBook(journal, BERLIN).doctor("d-berg", "Dr Anna Berg", "OPD-2")
                .doctor("d-osei", "Dr Kwame Osei", "OPD-3");
        handler = new SiuHandler(book, new SiuDirectory(emf), null, BERLIN);
    }

    @AfterClass
    public static void closeDirectories() throws SQLException {
        for (Directory d : DIRECTORIES.values()) {
            d.close();
        }
        DIRECTORIES.clear();
    }

    private static void service(Connection c, String code, String name, int minutes, String types)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sched_service (code, name, specialty, slot_minutes, "
                + "visit_types, active) VALUES (?, ?, 'Cardiology', ?, ?, TRUE)")) {
            s.setString(1, code);
            s.setString(2, name);
            s.setInt(3, minutes);
            s.setString(4, types);
            s.executeUpdate();
        }
    }

    private static void doctor(Connection c, String id, String username, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sched_doctor (id, username, display_name, active, "
                + "rating_count, rating_sum, created_ms, updated_ms, version) VALUES (?, ?, ?, TRUE, 0, 0, 0, 0, 1)")) {
            s.setString(1, id);
            s.setString(2, username);
            s.setString(3, name);
            s.executeUpdate();
        }
    }

    /** A segment from field number → value pairs. */
    static String seg(String id, Object... numberAndValue) {
        TreeMap<Integer, String> fields = new TreeMap<>();
        for (int i = 0; i < numberAndValue.length; i += 2) {
            fields.put((Integer) numberAndValue[i], (String) numberAndValue[i + 1]);
        }
        StringBuilder b = new StringBuilder(id);
        int last = fields.isEmpty() ? 0 : fields.lastKey();
        for (int f = 1; f <= last; f++) {
            b.append('|').append(fields.getOrDefault(f, ""));
        }
        return b.append('\r').toString();
    }

    static String msh(String trigger, String controlId) {
        return "MSH|^~\\&|CLINICSCHED|GENHOSP|PAVILION|GENHOSP|20261204080000||SIU^" + trigger + "^SIU_S12|"
                + controlId + "|P|2.5.1\r";
    }

    /** A booking as CLINICSCHED sends it: Mrs Okafor's cardiology follow-up, 30 minutes with the doctor of AIP-3. */
    static String s12(String controlId, String appointment, String doctor, String start) {
        return msh("S12", controlId)
                + seg("SCH", 1, appointment + "^CLINICSCHED", 2, "F-" + appointment + "^CLINICSCHED",
                        7, "^Chest pain follow-up^HL70276", 11, "^^^" + start, 25, "Booked")
                + seg("TQ1", 1, "1", 7, start)
                + seg("PID", 1, "1", 3, "K-1001^^^GENHOSP^MR", 5, "Okafor^Adaeze", 7, "19840301", 8, "F")
                + seg("RGS", 1, "1")
                + seg("AIS", 1, "1", 3, "CARD-FU^Cardiology follow-up", 4, start, 7, "30", 8, "min")
                + seg("AIL", 1, "1", 3, "OPD-2^^^GENHOSP")
                + seg("AIP", 1, "1", 3, doctor + "^Berg^Anna", 4, "D^Doctor");
    }

    /** S13, S14, S15, S26 for an appointment: SCH with the event reason, AIS with the (new) time. */
    static String change(String trigger, String controlId, String appointment, String reason, String start) {
        return msh(trigger, controlId)
                + seg("SCH", 1, appointment + "^CLINICSCHED", 6, reason == null ? "" : "^" + reason,
                        11, start == null ? "" : "^^^" + start)
                + seg("PID", 1, "1", 3, "K-1001^^^GENHOSP^MR", 5, "Okafor^Adaeze")
                + seg("RGS", 1, "1")
                + (start == null ? "" : seg("AIS", 1, "1", 3, "CARD-FU", 4, start));
    }

    private Outcome handle(String text) {
        try {
            return handler.handle(InboundMessage.parse(text), completion);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Hl7Error refused(String text) {
        return assertThrows(Hl7ContentException.class, () -> handle(text)).error();
    }

    private static long at(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    @Test
    public void aBookingFromTheClinicSystemIsBookedWithItsDoctorServiceAndTimeAfterTheMessageIsStored() {
        Outcome o = handle(s12("C-1", "APT-1001", "aberg", "20261207093000"));

        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals("SIU^S12 appointment A-1 booked for patient K-1001 with Dr Anna Berg at 2026-12-07T09:30",
                o.summary());
        assertEquals("no warning: the doctor's room is the one sent", List.of(), o.warnings());
        assertEquals("the message is stored before the book commits", List.of("store", "book APT-1001"), journal);
        BookingRequest r = book.requests.get(0);
        assertEquals("K-1001", r.patientId());
        assertEquals("the username AIP-3 sent is Dr Berg's", "d-berg", r.doctorId());
        assertEquals("CARD-FU", r.serviceCode());
        assertEquals("IN_PERSON", r.visitType());
        assertEquals("09:30 in Berlin", at("2026-12-07T08:30:00Z"), r.startsMs());
        assertEquals("30 minutes of AIS-7", Long.valueOf(at("2026-12-07T09:00:00Z")), r.endsMs());
        assertEquals("Chest pain follow-up", r.reason());
        assertEquals(Channel.HL7, r.channel());
        assertEquals("CLINICSCHED", r.externalSystem());
        assertEquals("SCH-1, the placer's id", "APT-1001", r.externalId());
        assertNull(r.offerId());
    }

    @Test
    public void theSameBookingSentAgainUnderANewControlIdIsAcceptedAsAlreadyBooked() {
        handle(s12("C-2", "APT-1002", "aberg", "20261207100000"));
        Outcome again = handle(s12("C-3", "APT-1002", "aberg", "20261207100000"));

        assertEquals(Outcome.Kind.ACCEPTED, again.kind());
        assertEquals("SIU^S12 appointment A-1 already booked for SCH-1 APT-1002 of CLINICSCHED (BOOKED at "
                + "2026-12-07T10:00)", again.summary());
        assertEquals("booked once, nothing stored for the resend", List.of("store", "book APT-1002"), journal);
        assertEquals(1, book.appointments.size());
    }

    @Test
    public void aBookingOnATakenTimeIsAnErrorAtTheStartWithTheBooksReason() {
        handle(s12("C-4", "APT-1004", "aberg", "20261207110000"));
        // Another clinic clerk books Dr Berg 15 minutes later, into the first half hour.
        Hl7Error e = refused(s12("C-5", "APT-1005", "d-berg", "20261207111500"));

        assertEquals(new Hl7Error("AIS", 1, 4, 0, Hl7Error.APPLICATION_RECORD_LOCKED,
                "scheduling refused SIU^S12: Dr Anna Berg is booked from 2026-12-07T11:00: the time is taken"), e);
        assertEquals(1, book.appointments.size());
    }

    @Test
    public void anUnknownDoctorIsAnErrorAtAip3AndNothingIsStored() {
        Hl7Error e = refused(s12("C-6", "APT-1006", "drwho", "20261207120000"));

        assertEquals("AIP", e.segment());
        assertEquals(3, e.field());
        assertEquals(1, e.component());
        assertEquals(Hl7Error.UNKNOWN_KEY, e.code());
        assertEquals("AIP-3 doctor drwho is not a doctor id or username scheduling knows", e.text());
        assertEquals(List.of(), journal);
    }

    @Test
    public void aDoctorTheBookCannotPlaceIsAnErrorAtAip3Too() {
        Hl7Error e = refused(s12("C-7", "APT-1007", "hlund", "20261207120000"));

        assertEquals(new Hl7Error("AIP", 1, 3, 1, Hl7Error.UNKNOWN_KEY,
                "scheduling refused SIU^S12: Doctor d-lund does not exist"), e);
    }

    @Test
    public void aRescheduleMovesTheAppointmentAndKeepsItsLength() {
        handle(s12("C-8", "APT-1008", "aberg", "20261207130000"));
        Outcome o = handle(change("S13", "C-9", "APT-1008", "Patient asked", "20261208143000"));

        assertEquals("SIU^S13 appointment A-1 moved to 2026-12-08T14:30 with Dr Anna Berg", o.summary());
        Appointment a = book.appointments.get("A-1");
        assertEquals("2026-12-08T13:30:00Z", a.start);
        assertEquals("still 30 minutes", "2026-12-08T14:00:00Z", a.end);
        assertEquals(List.of("store", "book APT-1008", "store", "reschedule A-1"), journal);

        Outcome resent = handle(change("S13", "C-10", "APT-1008", "Patient asked", "20261208143000"));
        assertEquals("SIU^S13 appointment A-1 unchanged: already with Dr Anna Berg at 2026-12-08T14:30, nothing to do "
                + "(only time and doctor changes are taken)", resent.summary());
        assertEquals("nothing written again", 4, journal.size());
    }

    @Test
    public void aRescheduleNamingAnotherDoctorMovesTheAppointmentToThem() {
        handle(s12("C-38", "APT-1038", "aberg", "20261207130000"));
        Outcome o = handle(change("S13", "C-39", "APT-1038", "Dr Berg on leave", "20261207130000")
                + seg("AIP", 1, "1", 3, "kosei^Osei^Kwame"));

        assertEquals("SIU^S13 appointment A-1 moved to 2026-12-07T13:00 with Dr Kwame Osei", o.summary());
        assertEquals("d-osei", book.appointments.get("A-1").doctorId);
    }

    @Test
    public void aBookingWithoutPatientOrWithAServiceWeDoNotOfferIsAnErrorAtItsField() {
        Hl7Error noPatient = refused(s12("C-40", "APT-1040", "aberg", "20261207100000")
                .replace("K-1001^^^GENHOSP^MR", ""));
        Hl7Error noService = refused(s12("C-41", "APT-1041", "aberg", "20261207100000")
                .replace("CARD-FU^Cardiology follow-up", "PSYCH-1^Psychotherapy"));

        assertEquals(new Hl7Error("PID", 1, 3, 0, Hl7Error.REQUIRED_FIELD_MISSING,
                "PID-3 (the patient identifier) is required"), noPatient);
        assertEquals(new Hl7Error("AIS", 1, 3, 1, Hl7Error.UNKNOWN_KEY,
                "AIS-3 service PSYCH-1 is not a service scheduling offers"), noService);
        assertEquals(List.of(), journal);
    }

    @Test
    public void aModificationWithTheSameTimeIsAcceptedWithNothingToDo() {
        handle(s12("C-11", "APT-1011", "aberg", "20261207150000"));
        Outcome o = handle(change("S14", "C-12", "APT-1011", "Room note", "20261207150000"));

        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertTrue(o.summary(), o.summary().startsWith("SIU^S14 appointment A-1 unchanged"));
        assertEquals(List.of("store", "book APT-1011"), journal);
    }

    @Test
    public void aRescheduleOntoATakenTimeIsAnErrorAndNothingMoves() {
        handle(s12("C-13", "APT-1013", "aberg", "20261207090000"));
        handle(s12("C-14", "APT-1014", "aberg", "20261207100000"));
        Hl7Error e = refused(change("S13", "C-15", "APT-1014", null, "20261207091500"));

        assertEquals("AIS-4, the new start", "AIS", e.segment());
        assertEquals(4, e.field());
        assertEquals(Hl7Error.APPLICATION_RECORD_LOCKED, e.code());
        assertEquals("scheduling refused SIU^S13: Dr Anna Berg is booked from 2026-12-07T09:00: the time is taken",
                e.text());
        assertEquals("still at 10:00", "2026-12-07T09:00:00Z", book.appointments.get("A-2").start);
    }

    @Test
    public void aCancellationCancelsWithTheEventReasonAndASecondOneChangesNothing() {
        handle(s12("C-16", "APT-1016", "aberg", "20261207160000"));
        Outcome o = handle(change("S15", "C-17", "APT-1016", "Patient recovered", null));

        assertEquals("SIU^S15 appointment A-1 cancelled: Patient recovered", o.summary());
        assertEquals("CANCELLED", book.appointments.get("A-1").status);
        assertEquals("Patient recovered", book.appointments.get("A-1").cancelReason);

        Outcome again = handle(change("S15", "C-18", "APT-1016", "Patient recovered", null));
        assertEquals("SIU^S15 appointment A-1 already cancelled", again.summary());
        assertEquals(List.of("store", "book APT-1016", "store", "cancel A-1"), journal);
    }

    @Test
    public void aNoShowMarksTheAppointment() {
        handle(s12("C-19", "APT-1019", "aberg", "20261207083000"));
        Outcome o = handle(change("S26", "C-20", "APT-1019", null, null));

        assertEquals("SIU^S26 appointment A-1 marked no-show", o.summary());
        assertEquals("NO_SHOW", book.appointments.get("A-1").status);
    }

    @Test
    public void aChangeToAnAppointmentNobodyBookedIsAnErrorAtSch1() {
        Hl7Error e = refused(change("S15", "C-21", "APT-9999", "Patient recovered", null));

        assertEquals(new Hl7Error("SCH", 1, 1, 1, Hl7Error.UNKNOWN_KEY,
                "no appointment is booked for SCH-1 APT-9999 of CLINICSCHED"), e);
        assertEquals(List.of(), journal);
    }

    @Test
    public void aMessageWithoutAnAppointmentIdIsAnErrorAtSch1() {
        String noIds = s12("C-22", "APT-1022", "aberg", "20261207100000")
                .replace("SCH|APT-1022^CLINICSCHED|F-APT-1022^CLINICSCHED|", "SCH|||");
        Hl7Error e = refused(noIds);

        assertEquals(new Hl7Error("SCH", 1, 1, 0, Hl7Error.REQUIRED_FIELD_MISSING,
                "SCH-1 or SCH-2 (the appointment id) is required"), e);
        assertEquals(List.of(), journal);
    }

    @Test
    public void theFillersIdIsTheExternalIdWhenThePlacerSendsNone() {
        handle(s12("C-23", "APT-1023", "aberg", "20261207100000").replace("SCH|APT-1023^CLINICSCHED|", "SCH||"));

        assertEquals("F-APT-1023", book.requests.get(0).externalId());
    }

    @Test
    public void withTheEmrInstalledThePatientIsFiledUnderTheMrnAdtRegistered() {
        handler = new SiuHandler(book, new SiuDirectory(emf), (system, value) -> system.equals("GENHOSP")
                && value.equals("K-1001") ? Optional.of("0000004711") : Optional.empty(), BERLIN);
        handle(s12("C-24", "APT-1024", "aberg", "20261207100000"));
        assertEquals("0000004711", book.requests.get(0).patientId());

        Hl7Error e = refused(s12("C-25", "APT-1025", "aberg", "20261207110000").replace("K-1001^", "K-2002^"));
        assertEquals(new Hl7Error("PID", 1, 3, 1, Hl7Error.UNKNOWN_KEY,
                "patient K-2002 of GENHOSP is not known to the EMR: register the patient with ADT first"), e);
        assertEquals("the unknown patient's booking stored and wrote nothing", List.of("store", "book APT-1024"),
                journal);
    }

    @Test
    public void aVideoOnlyServiceOrAVideoAppointmentTypeBooksAVideoVisit() {
        handle(s12("C-26", "APT-1026", "kosei", "20261207100000").replace("CARD-FU^Cardiology follow-up",
                "TELE-DERM"));
        handle(s12("C-27", "APT-1027", "aberg", "20261207100000").replace("^Chest pain follow-up^HL70276|",
                "^Chest pain follow-up^HL70276|VIDEO^Video visit|"));
        handle(s12("C-28", "APT-1028", "aberg", "20261207110000"));

        assertEquals("VIDEO", book.requests.get(0).visitType());
        assertEquals("VIDEO", book.requests.get(1).visitType());
        assertEquals("IN_PERSON", book.requests.get(2).visitType());
    }

    @Test
    public void theLengthComesFromAisUnitsOrTheEndOrTheServicesSlot() {
        handle(s12("C-29", "APT-1029", "aberg", "20261207080000").replace("|30|min", "|1|h"));
        handle(s12("C-30", "APT-1030", "kosei", "20261207080000").replace("|30|min", "")
                .replace("^^^20261207080000|", "^^^20261207080000^20261207084500|"));
        handle(s12("C-31", "APT-1031", "aberg", "20261207120000").replace("|30|min", ""));

        assertEquals(Long.valueOf(at("2026-12-07T08:00:00Z")), book.requests.get(0).endsMs());
        assertEquals("SCH-11.5", Long.valueOf(at("2026-12-07T07:45:00Z")), book.requests.get(1).endsMs());
        assertEquals("the service's 20 minutes", Long.valueOf(at("2026-12-07T11:20:00Z")), book.requests.get(2).endsMs());

        Hl7Error e = refused(s12("C-32", "APT-1032", "aberg", "20261207130000").replace("|30|min", "|30|fortnights"));
        assertEquals("AIS", e.segment());
        assertEquals(8, e.field());
        assertEquals(Hl7Error.TABLE_VALUE_NOT_FOUND, e.code());
    }

    @Test
    public void aStartWithAnOffsetIsTakenAsSentAndABadOneIsAnErrorAtAis4() {
        handle(s12("C-33", "APT-1033", "aberg", "202612071000+0000"));
        assertEquals("10:00 UTC", at("2026-12-07T10:00:00Z"), book.requests.get(0).startsMs());

        Hl7Error e = refused(s12("C-34", "APT-1034", "aberg", "20261307"));
        assertEquals(new Hl7Error("AIS", 1, 4, 0, Hl7Error.DATA_TYPE_ERROR, "AIS-4 (appointment start) must be a "
                + "date and time YYYYMMDDHHMM[SS][+ZZZZ], was '20261307'"), e);
    }

    @Test
    public void aLocationTheDoctorsScheduleDoesNotHaveIsAcceptedWithAWarning() {
        Outcome o = handle(s12("C-35", "APT-1035", "kosei", "20261207100000"));

        assertEquals(List.of(new Hl7Error("AIL", 1, 3, 1, Hl7Error.TABLE_VALUE_NOT_FOUND,
                "AIL-3 location OPD-2 not taken: the doctor's schedule places the appointment at OPD-3")), o.warnings());
    }

    @Test
    public void theBookIsCalledAsTheHubsFeedCallerWithTheDepartmentsFeedPrivileges() throws Exception {
        Caller hub = Caller.inContainer("hl7:CLINICSCHED", Set.of("emr.patient.view-any", "emr.record.feed-write"),
                "10.20.0.7");
        CallerContext.runAs(hub, () -> handle(s12("C-37", "APT-1037", "aberg", "20261207100000")));

        Caller seen = book.callers.get(0);
        assertEquals("the audit names the feed", "hl7:CLINICSCHED", seen.username());
        assertEquals("10.20.0.7", seen.clientAddress());
        assertEquals(Set.of("emr.patient.view-any", "emr.record.feed-write", "scheduling.appointment.book",
                "scheduling.appointment.check-in", "scheduling.appointment.view"), seen.privileges());
        assertEquals(Optional.empty(), seen.patientId());
    }

    @Test
    public void aRedeliveryOfAnAnsweredMessageWritesNothing() {
        answeredBefore = true;
        assertThrows(IllegalStateException.class, () -> handle(s12("C-36", "APT-1036", "aberg", "20261207100000")));
        assertEquals(List.of(), journal);
    }
}
