package org.pavilion.example.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;
import org.pavilion.core.testing.ChangeLogDatabase;

/**
 * The outpatient clinic's scheduling system books appointments over HL7; reception sees who is expected. On H2, and
 * on PostgreSQL when {@code -Dpavilion.test.postgres} names one.
 */
@RunWith(Parameterized.class)
public class ExpectedVisitHandlerTest {

    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> databases() {
        return List.of(new Object[] {"H2"}, new Object[] {"PostgreSQL"});
    }

    private final String database;
    private ChangeLogDatabase db;
    private ExpectedVisits visits;
    private ExpectedVisitHandler handler;
    /** The outcomes the hub was given to commit with the visit. */
    private final List<Outcome> committed = new ArrayList<>();
    /** Set: the hub finds an earlier delivery of the message stored and refuses to commit. */
    private boolean redelivery;

    private final Completion completion = new Completion() {
        @Override
        public void store() {
            throw new AssertionError("the handler commits with the hub; it never stores first");
        }

        @Override
        public void commit(Connection transaction, Outcome outcome, Callable<Void> commit) throws Exception {
            if (redelivery) {
                throw new IllegalStateException("stored by an earlier delivery");
            }
            committed.add(outcome);
            commit.call();
        }
    };

    public ExpectedVisitHandlerTest(String database) {
        this.database = database;
    }

    @Before
    public void open() throws Exception {
        boolean postgres = database.equals("PostgreSQL");
        Assume.assumeTrue("no -Dpavilion.test.postgres", !postgres || !ChangeLogDatabase.POSTGRES.isEmpty());
        db = new ChangeLogDatabase("example_hl7", ExpectedVisits.CHANGELOG, postgres);
        visits = new ExpectedVisits(db);
        handler = new ExpectedVisitHandler(visits);
    }

    @After
    public void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private static InboundMessage s12(String controlId, String appointment, String patient, String start) {
        return InboundMessage.parse("MSH|^~\\&|CLINICSCHED|GENHOSP|PAVILION|GENHOSP|20240601080000||SIU^S12^SIU_S12|"
                + controlId + "|P|2.5.1\r"
                + "SCH|" + appointment + "||||||^Follow-up^HL70276|||^^^" + start + "\r"
                + "PID|1||" + patient + "^^^GENHOSP^MR||Okafor^Adaeze||19840301|F\r"
                + "RGS|1\r"
                + "AIS|1||CARDIO^Cardiology clinic|" + start + "\r"
                + "AIL|1||OPD-2^^^GENHOSP\r");
    }

    @Test
    public void aBookedAppointmentMakesThePatientExpectedInOneCommitWithTheMessage() throws Exception {
        Outcome o = handler.handle(s12("S-1", "APT-1001", "K-1001", "202406010930"), completion);
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals("patient K-1001 expected for appointment APT-1001 at 2024-06-01T09:30", o.summary());
        assertEquals(List.of(o), committed);
        List<ExpectedVisit> expected = visits.list("K-1001", 10);
        assertEquals(1, expected.size());
        ExpectedVisit v = expected.get(0);
        assertEquals("APT-1001", v.appointment);
        assertEquals("Adaeze Okafor", v.visitorName);
        assertEquals("OPD-2", v.ward);
        assertEquals("2024-06-01T09:30", v.expectedAt);
        assertEquals("CLINICSCHED", v.source);
    }

    @Test
    public void theSameBookingSentAgainIsAcceptedAndNotExpectedTwice() throws Exception {
        handler.handle(s12("S-2", "APT-1002", "K-1002", "20240601100000"), completion);
        Outcome again = handler.handle(s12("S-3", "APT-1002", "K-1002", "20240601100000"), completion);
        assertEquals(Outcome.Kind.ACCEPTED, again.kind());
        assertEquals("appointment APT-1002 already expected", again.summary());
        assertEquals(1, visits.list("K-1002", 10).size());
        assertEquals("only the first commit carried the hub's record", 1, committed.size());
    }

    @Test
    public void whenTheHubRefusesTheCommitNothingIsKept() {
        redelivery = true;
        assertThrows(IllegalStateException.class,
                () -> handler.handle(s12("S-4", "APT-1004", "K-1004", "202406011100"), completion));
        redelivery = false;
        try {
            assertTrue(visits.list("K-1004", 10).isEmpty());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void aBookingWithoutAnAppointmentIdOrWithABadStartIsRefusedAtTheField() throws Exception {
        Hl7ContentException noId = assertThrows(Hl7ContentException.class,
                () -> handler.handle(s12("S-5", "", "K-1005", "202406011100"), completion));
        assertEquals("SCH", noId.error().segment());
        assertEquals(1, noId.error().field());
        assertEquals(Hl7Error.REQUIRED_FIELD_MISSING, noId.error().code());
        Hl7ContentException badStart = assertThrows(Hl7ContentException.class,
                () -> handler.handle(s12("S-6", "APT-1006", "K-1006", "20240631"), completion));
        assertEquals("AIS", badStart.error().segment());
        assertEquals(4, badStart.error().field());
        assertEquals(Hl7Error.DATA_TYPE_ERROR, badStart.error().code());
        assertTrue(committed.isEmpty());
        assertTrue(visits.list(null, 10).isEmpty());
    }

    @Test
    public void aBookingWithoutStartOrLocationIsStillExpected() throws Exception {
        handler.handle(InboundMessage.parse("MSH|^~\\&|CLINICSCHED|GENHOSP|PAVILION|GENHOSP|20240601080000||SIU^S12|"
                + "S-7|P|2.3\rSCH||APT-F-7\rPID|1||K-1007\r"), completion);
        ExpectedVisit v = visits.list("K-1007", 10).get(0);
        assertEquals("APT-F-7", v.appointment);
        assertEquals("K-1007", v.visitorName);
        assertNull(v.ward);
        assertNull(v.expectedAt);
    }
}
