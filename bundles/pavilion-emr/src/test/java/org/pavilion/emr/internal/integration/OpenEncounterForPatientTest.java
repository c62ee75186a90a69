package org.pavilion.emr.internal.integration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.api.ExternalVisit;
import org.pavilion.emr.api.PatientDirectory.Change;
import org.pavilion.emr.api.PatientDirectory.Result;

/**
 * A department of the hospital that knows its patients by MRN (scheduling's check-in) opens the encounter of an
 * appointment through the real directory and record (H2; PostgreSQL with -Dpavilion.test.postgres): once per visit
 * number however often the desk presses check-in, on the survivor after a merge, and never for an unknown MRN.
 */
public class OpenEncounterForPatientTest {

    private AdtRecordHarness h;

    @Before
    public void setUp() throws Exception {
        h = new AdtRecordHarness();
    }

    @After
    public void tearDown() throws Exception {
        h.close();
    }

    private String register(String value, String family, String given, String birthDate) {
        ExternalPatient p = new ExternalPatient();
        p.system = "STMARYS";
        p.value = value;
        p.familyName = family;
        p.givenName = given;
        p.sex = "FEMALE";
        p.birthDate = birthDate;
        return h.directory.registerOrUpdate(p).mrn;
    }

    private static ExternalVisit appointment(String number) {
        ExternalVisit v = new ExternalVisit();
        v.system = "pavilion-scheduling";
        v.number = number;
        v.kind = "OUTPATIENT";
        v.reason = "Knee pain since March";
        v.attendingId = "doc-hartmann";
        v.attendingName = "Dr. Lena Hartmann";
        return v;
    }

    private long published(String type) {
        return h.events.stream().filter(type::equals).count();
    }

    @Test
    public void aCheckInOpensOneOutpatientEncounterHoweverOftenItIsPressed() {
        String mrn = register("K-2001", "Okafor", "Adaeze", "1984-03-01");

        Result first = h.directory.openEncounterForPatient(mrn, appointment("appt-1"));
        assertEquals(Change.CREATED, first.change);
        assertEquals(mrn, first.mrn);
        Result again = h.directory.openEncounterForPatient(mrn, appointment("appt-1"));
        assertEquals(Change.UNCHANGED, again.change);
        assertEquals(first.encounterId, again.encounterId);
        assertEquals(1, published("EncounterOpened"));

        var encounters = h.encounters.encounters(mrn, 10, null);
        assertEquals(1, encounters.size());
        assertEquals("OUTPATIENT", encounters.get(0).kind);
        assertEquals("Knee pain since March", encounters.get(0).reason);

        Result nextVisit = h.directory.openEncounterForPatient(mrn, appointment("appt-2"));
        assertEquals(Change.CREATED, nextVisit.change);
        assertNotEquals(first.encounterId, nextVisit.encounterId);
    }

    @Test
    public void aMergedDuplicatesMrnOpensTheEncounterOnTheSurvivor() {
        String survivor = register("K-2002", "Mensah", "Ama", "1970-01-01");
        String duplicate = register("K-2003", "Mensah", "Ama", "1970-01-01");
        h.directory.merge("STMARYS", "K-2002", "K-2003", "same person registered twice");

        Result r = h.directory.openEncounterForPatient(duplicate, appointment("appt-3"));
        assertEquals(survivor, r.mrn);
        assertEquals(1, h.encounters.encounters(survivor, 10, null).size());
    }

    @Test
    public void anUnknownMrnOrAVisitWithoutANumberIsRefusedAndOpensNothing() {
        String mrn = register("K-2004", "Berg", "Tor", "1991-05-12");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> h.directory.openEncounterForPatient("9999999999", appointment("appt-4")));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("unknown MRN"));
        assertThrows(IllegalArgumentException.class,
                () -> h.directory.openEncounterForPatient(mrn, appointment(null)));
        assertThrows(IllegalArgumentException.class, () -> h.directory.openEncounterForPatient(mrn, null));
        assertEquals(0, published("EncounterOpened"));
    }

    @Test
    public void theSameVisitNumberForAnotherPatientIsRefused() {
        String adaeze = register("K-2005", "Okafor", "Adaeze", "1984-03-01");
        String kwame = register("K-2006", "Mensah", "Kwame", "1970-01-01");
        h.directory.openEncounterForPatient(adaeze, appointment("appt-5"));
        assertThrows(IllegalArgumentException.class,
                () -> h.directory.openEncounterForPatient(kwame, appointment("appt-5")));
    }
}
