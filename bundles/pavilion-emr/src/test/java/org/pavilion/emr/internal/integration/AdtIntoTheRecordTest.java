package org.pavilion.emr.internal.integration;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.emr.api.EncounterClassChanged;
import org.pavilion.emr.internal.record.Clinical;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Outcome;

/**
 * A ward's morning of ADT from St Mary's admission system, through the real handler, directory and record on the
 * EMR's real change logs (H2; PostgreSQL with -Dpavilion.test.postgres): what lands in the record, which events
 * are published, and that a resend under a new control id changes nothing.
 */
public class AdtIntoTheRecordTest {

    private AdtRecordHarness h;

    @Before
    public void setUp() throws Exception {
        h = new AdtRecordHarness();
    }

    @After
    public void tearDown() throws Exception {
        h.close();
    }

    private static String msh(String type, String controlId) {
        return "MSH|^~\\&|PAS|STMARYS|PAVILION|STMARYS|20250310081500||ADT^" + type + "|" + controlId + "|P|2.5.1\n"
                + "EVN|" + type + "|20250310081500\n";
    }

    private static final String ADAEZE = "PID|1||K-1001^^^STMARYS^MR||Okafor^Adaeze||19840301|F|||"
            + "12 Long St^^Leeds^^LS1 4AB^GBR||+44 113 496 0000\n";

    /** PV1 with class, location, visit number (may be empty) and PV1-44 admit time (may be empty). */
    private static String pv1(String patientClass, String location, String visit, String admitted) {
        return "PV1|1|" + patientClass + "|" + location + "|".repeat(16) + visit + "|".repeat(25) + admitted + "\n";
    }

    private String mrn() {
        return h.directory.findMrn("STMARYS", "K-1001").orElseThrow();
    }

    private List<Clinical.Encounter> encounters() {
        return h.encounters.encounters(mrn(), 50, null);
    }

    private long published(String type) {
        return h.events.stream().filter(type::equals).count();
    }

    @Test
    public void anAdmissionWithoutAVisitNumberOpensOneEncounterHoweverOftenItIsResent() throws Exception {
        String a01 = ADAEZE + pv1("I", "W4^12^B", "", "202503100800");
        Outcome first = h.send(msh("A01", "PAS-1") + a01);
        assertEquals(first.toString(), Outcome.Kind.ACCEPTED, first.kind());
        assertEquals(1, encounters().size());
        assertEquals("ADMISSION", encounters().get(0).kind);
        assertEquals("OPEN", encounters().get(0).status);
        assertEquals("W4^12^B", encounters().get(0).location);

        // The PAS lost our ACK and sends the admission again, under a new control id.
        Outcome again = h.send(msh("A01", "PAS-2") + a01);
        assertEquals(Outcome.Kind.ACCEPTED, again.kind());
        assertTrue(again.summary(), again.summary().contains("encounter UNCHANGED"));
        assertEquals("the resend is the same visit", 1, encounters().size());
        assertEquals(1, published("EncounterOpened"));

        // Discharged and admitted again in the evening: another admit time, another visit.
        h.send(msh("A01", "PAS-3") + ADAEZE + pv1("I", "W4^12^B", "", "202503101930"));
        assertEquals(2, encounters().size());
    }

    @Test
    public void aPreAdmissionIsPlannedUntilTheSameVisitIsAdmitted() throws Exception {
        h.send(msh("A05", "PAS-10") + ADAEZE + pv1("I", "SURG^3^A", "V-7001^^^STMARYS", ""));
        assertEquals("PLANNED", encounters().get(0).status);
        h.send(msh("A05", "PAS-11") + ADAEZE + pv1("I", "SURG^3^A", "V-7001^^^STMARYS", ""));
        assertEquals(1, encounters().size());

        h.send(msh("A01", "PAS-12") + ADAEZE + pv1("I", "SURG^3^A", "V-7001^^^STMARYS", ""));
        assertEquals(1, encounters().size());
        assertEquals("the patient arrived", "OPEN", encounters().get(0).status);
        assertEquals(1, published("EncounterStatusChanged"));
    }

    @Test
    public void anOutpatientAdmittedAsAnInpatientChangesTheClassOfTheSameVisit() throws Exception {
        h.send(msh("A04", "PAS-20") + ADAEZE + pv1("O", "OPD^1", "V-7002^^^STMARYS", ""));
        assertEquals("OUTPATIENT", encounters().get(0).kind);
        h.trail.clear();

        Outcome a06 = h.send(msh("A06", "PAS-21") + ADAEZE + pv1("I", "W4^12^B", "V-7002^^^STMARYS", ""));
        assertEquals(a06.toString(), Outcome.Kind.ACCEPTED, a06.kind());
        Clinical.Encounter e = encounters().get(0);
        assertEquals(1, encounters().size());
        assertEquals("ADMISSION", e.kind);
        assertEquals("admitted to the ward", "W4^12^B", e.location);
        EncounterClassChanged changed = (EncounterClassChanged) h.payloads.get(h.events.indexOf(
                EncounterClassChanged.TYPE));
        assertEquals("OUTPATIENT", changed.previousKind);
        assertEquals("ADMISSION", changed.kind);
        assertEquals(e.id, changed.encounterId);
        assertTrue("audited: " + h.trail, h.trail.stream().anyMatch(a -> "UPDATE".equals(a.action())
                && "encounter".equals(a.resourceType()) && a.resourceId().startsWith(e.id)));

        // The same A06 again: nothing more. Then back to outpatient care, the visit found as the open encounter.
        h.send(msh("A06", "PAS-22") + ADAEZE + pv1("I", "W4^12^B", "V-7002^^^STMARYS", ""));
        assertEquals(1, published(EncounterClassChanged.TYPE));
        h.send(msh("A07", "PAS-23") + ADAEZE + pv1("O", "", "", ""));
        assertEquals("OUTPATIENT", encounters().get(0).kind);
        assertEquals(2, published(EncounterClassChanged.TYPE));
    }

    @Test
    public void aClassChangeFindsTheVisitByItsPriorNumberAndKeepsTheNewOne() throws Exception {
        h.send(msh("A04", "PAS-30") + ADAEZE + pv1("O", "OPD^1", "OP-55^^^STMARYS", ""));
        h.send(msh("A06", "PAS-31") + ADAEZE + "MRG|K-1001^^^STMARYS||||OP-55^^^STMARYS\n"
                + pv1("I", "W4^12^B", "IP-56^^^STMARYS", ""));
        assertEquals(1, encounters().size());
        assertEquals("ADMISSION", encounters().get(0).kind);
        // The discharge names the inpatient number: the same encounter.
        h.send(msh("A03", "PAS-32") + ADAEZE + pv1("I", "W4^12^B", "IP-56^^^STMARYS", ""));
        assertEquals("CLOSED", encounters().get(0).status);
    }

    @Test
    public void anIdentifierChangeMovesTheIdentifierAndAConflictIsRefused() throws Exception {
        h.send(msh("A04", "PAS-40") + ADAEZE);
        String mrn = mrn();
        Outcome a47 = h.send(msh("A47", "PAS-41") + "PID|1||K-1001X^^^STMARYS^MR\nMRG|K-1001^^^STMARYS^MR\n");
        assertEquals(a47.toString(), Outcome.Kind.ACCEPTED, a47.kind());
        assertEquals(mrn, h.directory.findMrn("STMARYS", "K-1001X").orElseThrow());
        assertTrue(h.directory.findMrn("STMARYS", "K-1001").isEmpty());
        assertTrue("a resend changes nothing", h.send(msh("A47", "PAS-42")
                + "PID|1||K-1001X^^^STMARYS^MR\nMRG|K-1001^^^STMARYS^MR\n").summary().contains("UNCHANGED"));

        h.send(msh("A04", "PAS-43") + "PID|1||K-3003^^^STMARYS^MR||Mensah^Kwame||19700101|M\n");
        Hl7ContentException e = assertThrows(Hl7ContentException.class, () -> h.send(msh("A47", "PAS-44")
                + "PID|1||K-3003^^^STMARYS^MR\nMRG|K-1001X^^^STMARYS^MR\n"));
        assertEquals(Hl7Error.DUPLICATE_KEY, e.error().code());
        assertEquals("PID", e.error().segment());
        assertEquals("nothing changed", mrn, h.directory.findMrn("STMARYS", "K-1001X").orElseThrow());
    }

    @Test
    public void theSameAdmissionAgainPublishesNoUpdateAndAChangedOnePublishesOne() throws Exception {
        String a01 = ADAEZE + "NK1|1|Okafor^Chidi|SPO^Spouse||+44 (20) 7946-0018\n"
                + "IN1|1|GOLD^Gold plan|NHI01|National Health Insurer||||||||20250101|20301231||||SEL"
                + "|".repeat(19) + "POL-778812\n" + pv1("I", "W4^12^B", "V-7003^^^STMARYS", "");
        h.send(msh("A01", "PAS-50") + a01);
        h.send(msh("A01", "PAS-51") + a01);
        assertEquals(0, published("PatientUpdated"));
        // The same phone as the desk formats it, policy number with other punctuation: still no change.
        h.send(msh("A01", "PAS-52") + a01.replace("+44 113 496 0000", "+441134960000")
                .replace("POL-778812", "POL 778812"));
        assertEquals(0, published("PatientUpdated"));
        // She moved house: one update.
        h.send(msh("A01", "PAS-53") + a01.replace("12 Long St", "3 Park Row"));
        assertEquals(1, published("PatientUpdated"));
    }

    @Test
    public void aCodedAllergenIsKeptWithItsCodeAndAnUnknownSystemAsTextWithAWarning() throws Exception {
        Outcome o = h.send(msh("A01", "PAS-60") + ADAEZE + pv1("I", "W4^12^B", "V-7004^^^STMARYS", "")
                + "AL1|1|DA|7980^Penicillin^RXNORM|SV|Anaphylaxis\n"
                + "AL1|2|DA|LTX-1^Latex^HOSPALLERGENS|MO|Rash\n"
                + "AL1|3|FA|^Peanuts\n");
        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals(1, o.warnings().size());
        assertEquals(2, o.warnings().get(0).segmentRepetition());
        List<Clinical.Allergy> allergies = h.allergies.allergies(mrn(), null);
        Clinical.Allergy penicillin = allergies.stream().filter(a -> a.substance.equals("Penicillin")).findFirst()
                .orElseThrow();
        assertEquals("7980", penicillin.code);
        assertEquals("RXNORM", penicillin.codeSystem);
        Clinical.Allergy latex = allergies.stream().filter(a -> a.substance.equals("Latex")).findFirst().orElseThrow();
        assertNull(latex.code);
        assertNull(latex.codeSystem);
        Clinical.Allergy peanuts = allergies.stream().filter(a -> a.substance.equals("Peanuts")).findFirst()
                .orElseThrow();
        assertEquals("no AL1-4: recorded, severity not assessed", "UNKNOWN", peanuts.severity);
    }
}
