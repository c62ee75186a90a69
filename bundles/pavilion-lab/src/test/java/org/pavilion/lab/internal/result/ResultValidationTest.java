package org.pavilion.lab.internal.result;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;

/** What the bench may not enter, and how values are flagged for whom. One database for the class. */
public class ResultValidationTest {

    private static Lab lab;

    @BeforeClass
    public static void open() throws Exception {
        lab = new Lab(true);
        lab.db.jpa.run(em -> {
            LabTestEntity t = new LabTestEntity();
            t.setCode("HIV");
            t.setName("HIV 1/2 antibodies");
            t.setKind("TEST");
            t.setSpecimenType("SERUM");
            t.setResultType("CODED");
            t.setCodedValues("Negative|Positive|Indeterminate");
            t.setAbnormalValues("Positive|Indeterminate");
            t.setActive(true);
            em.persist(t);
            LabTestEntity hb = new LabTestEntity();
            hb.setCode("HBQ");
            hb.setName("Haemoglobin");
            hb.setKind("TEST");
            hb.setSpecimenType("BLOOD");
            hb.setResultType("NUMERIC");
            hb.setUnit("g/L");
            hb.setActive(true);
            em.persist(hb);
            em.persist(range("HBQ", null, null, null, "110", "160", "70", null));
            em.persist(range("HBQ", "M", 6570, null, "130", "170", "70", null));
            em.persist(range("HBQ", "F", 6570, null, "120", "155", "70", null));
            em.persist(range("HBQ", null, 0, 30, "140", "220", "90", null));
        });
    }

    @AfterClass
    public static void close() throws Exception {
        lab.close();
    }

    private static ReferenceRangeEntity range(String test, String sex, Integer min, Integer max, String low,
            String high, String critLow, String critHigh) {
        ReferenceRangeEntity r = new ReferenceRangeEntity();
        r.setId(UUID.randomUUID().toString());
        r.setTestCode(test);
        r.setSex(sex);
        r.setAgeMinDays(min);
        r.setAgeMaxDays(max);
        r.setLow(new BigDecimal(low));
        r.setHigh(new BigDecimal(high));
        r.setCriticalLow(critLow == null ? null : new BigDecimal(critLow));
        r.setCriticalHigh(critHigh == null ? null : new BigDecimal(critHigh));
        return r;
    }

    private static String item(ItemStatus status, String code) {
        return lab.db.order("MRN-V", "dr.wilson", "ROUTINE", status, code).itemIds().get(0);
    }

    private static ProblemException enterRefused(String item, String value, String unit) throws Exception {
        return Lab.refused(Lab.ANNA, () -> lab.results.enter(item, value, unit, null));
    }

    @Test
    public void textForANumericTestAForeignUnitAndAnAnswerNotOfferedAre422() throws Exception {
        ProblemException text = enterRefused(item(ItemStatus.RECEIVED, "K"), "haemolysed", "mmol/L");
        assertEquals(422, text.status());
        assertTrue(text.detail(), text.detail().contains("not a number"));
        ProblemException unit = enterRefused(item(ItemStatus.RECEIVED, "GLU"), "90", "g/L");
        assertEquals(422, unit.status());
        assertTrue(unit.detail(), unit.detail().contains("mg/dL"));
        ProblemException coded = enterRefused(item(ItemStatus.RECEIVED, "HIV"), "Maybe", null);
        assertEquals(422, coded.status());
        assertTrue(coded.detail(), coded.detail().contains("Negative"));
        assertEquals(422, enterRefused(item(ItemStatus.RECEIVED, "K"), " ", null).status());
        assertTrue(lab.audit.with("CREATE", AuditOutcome.FAILED).size() >= 4);
    }

    @Test
    public void anItemNotReceivedCancelledOrRejectedTakesNoResultAndAnUnknownItemIs404() throws Exception {
        for (ItemStatus s : new ItemStatus[] {ItemStatus.ORDERED, ItemStatus.COLLECTED, ItemStatus.CANCELLED,
                ItemStatus.REJECTED}) {
            String item = item(s, "K");
            assertEquals(s.name(), 409, enterRefused(item, "4.0", null).status());
            assertEquals(s.name(), lab.row(OrderItemEntity.class, item).getStatus());
        }
        assertEquals(404, enterRefused("no-such-item", "4.0", null).status());
        LabDatabase.SeededOrder cancelled = lab.db.order("MRN-V", "dr.wilson", "ROUTINE", ItemStatus.RECEIVED, "K");
        lab.db.jpa.run(em -> em.find(LabOrderEntity.class, cancelled.orderId()).setStatus("CANCELLED"));
        assertEquals(409, enterRefused(cancelled.itemIds().get(0), "4.0", null).status());
        assertEquals(0L, lab.count("SELECT COUNT(r) FROM ResultEntity r WHERE r.itemId = ?1",
                cancelled.itemIds().get(0)));
    }

    @Test
    public void aSecondEntryBeforeVerificationReplacesTheFirst() throws Exception {
        String item = item(ItemStatus.RECEIVED, "K");
        ResultDto first = Lab.as(Lab.ANNA, () -> lab.results.enter(item, "5.9", null, null));
        ResultDto second = Lab.as(Lab.ANNA, () -> lab.results.enter(item, "5.0", null, "re-run"));
        assertEquals("H", first.flag);
        assertEquals("N", second.flag);
        assertTrue(lab.row(ResultEntity.class, first.id).isSuperseded());
        assertEquals(409, Lab.refused(Lab.BEN, () -> lab.results.verify(first.id)).status());
        assertEquals("RELEASED", Lab.as(Lab.BEN, () -> lab.results.verify(second.id)).status);
        assertEquals(404, Lab.refused(Lab.BEN, () -> lab.results.verify("nope")).status());
    }

    @Test
    public void aCorrectionEnteredTwiceStillCorrectsTheReleasedResultAndOnlyTheCurrentOneIsCorrectable()
            throws Exception {
        String item = item(ItemStatus.RECEIVED, "GLU");
        ResultDto first = Lab.as(Lab.ANNA, () -> lab.results.enter(item, "6.0", null, null));
        Lab.as(Lab.BEN, () -> lab.results.verify(first.id));
        ResultDto fix = Lab.as(Lab.ANNA, () -> lab.results.correct(first.id, "60", null, null, "wrong unit"));
        assertEquals("HH", fix.flag);
        ResultDto fixAgain = Lab.as(Lab.ANNA, () -> lab.results.enter(item, "108", "mg/dL", "in mg/dL this time"));
        assertEquals(first.id, fixAgain.correctsId);
        assertTrue(lab.row(ResultEntity.class, fix.id).isSuperseded());
        assertEquals(409, Lab.refused(Lab.ANNA, () -> lab.results.correct(first.id, "6", null, null, "again"))
                .status());
        assertEquals("RELEASED", Lab.as(Lab.BEN, () -> lab.results.verify(fixAgain.id)).status);
    }

    @Test
    public void codedAnswersAreFlaggedAbnormalAndTextIsNotFlagged() throws Exception {
        ResultDto hiv = Lab.as(Lab.ANNA, () -> lab.results.enter(item(ItemStatus.RECEIVED, "HIV"), "positive", null,
                null));
        assertEquals("Positive", hiv.value);
        assertEquals("A", hiv.flag);
        assertEquals("N", Lab.as(Lab.ANNA, () -> lab.results.enter(item(ItemStatus.RECEIVED, "HIV"), "Negative",
                null, null)).flag);
        ResultDto culture = Lab.as(Lab.ANNA, () -> lab.results.enter(item(ItemStatus.RECEIVED, "UCULT"),
                "E. coli > 10^5 CFU/mL", null, null));
        assertNull(culture.flag);
        assertEquals("E. coli > 10^5 CFU/mL", culture.value);
    }

    @Test
    public void flagsAsYouTypeInTheTestsUnit() throws Exception {
        Results.FlagAnswer low = Lab.as(Lab.ANNA, () -> lab.results.flag("GLU", "36", "mg/dL", null));
        assertEquals("LL", low.flag());
        assertTrue(low.critical());
        assertEquals("1.998", low.valueInTestUnit());
        assertEquals("3.9-5.5", low.referenceRange());
        assertEquals("L", Lab.as(Lab.ANNA, () -> lab.results.flag("K", "3.4", null, null)).flag());
        Results.FlagAnswer high = Lab.as(Lab.ANNA, () -> lab.results.flag("K", "6.5", null, null));
        assertEquals("at the critical limit: high, not critical", "H", high.flag());
        assertEquals(false, high.critical());
        assertEquals("HH", Lab.as(Lab.ANNA, () -> lab.results.flag("K", "6.51", null, null)).flag());
        assertEquals(422, Lab.refused(Lab.ANNA, () -> lab.results.flag("XYZ", "1", null, null)).status());
        assertEquals(400, Lab.refused(Lab.ANNA, () -> lab.results.flag(null, "1", null, null)).status());
    }

    @Test
    public void theRangeForThePatientsSexAndAgeWinsAndWithoutTheEmrTheRangeForAnyone() throws Exception {
        long at = lab.now.get();
        // Without the EMR: the range for any sex and age.
        assertEquals("110-160", Lab.as(Lab.ANNA, () -> lab.results.flag("HBQ", "125", null, "MRN-W")).referenceRange());
        lab.results.demographics = mrn -> switch (mrn) {
            case "MRN-W" -> new PatientFacts("F", LocalDate.of(1980, 5, 1));
            case "MRN-M" -> new PatientFacts("M", LocalDate.of(1975, 1, 1));
            case "MRN-B" -> new PatientFacts("F", LocalDate.of(2026, 11, 20));
            default -> PatientFacts.UNKNOWN;
        };
        try {
            Results.FlagAnswer woman = Lab.as(Lab.ANNA, () -> lab.results.flag("HBQ", "125", null, "MRN-W"));
            assertEquals("120-155", woman.referenceRange());
            assertEquals("N", woman.flag());
            Results.FlagAnswer man = Lab.as(Lab.ANNA, () -> lab.results.flag("HBQ", "125", null, "MRN-M"));
            assertEquals("130-170", man.referenceRange());
            assertEquals("L", man.flag());
            Results.FlagAnswer newborn = Lab.as(Lab.ANNA, () -> lab.results.flag("HBQ", "125", null, "MRN-B"));
            assertEquals("140-220", newborn.referenceRange());
            assertEquals("unknown sex and age: the range for anyone", "110-160",
                    Lab.as(Lab.ANNA, () -> lab.results.flag("HBQ", "125", null, "MRN-U")).referenceRange());
            // A stored result is flagged for its patient too.
            String item = lab.db.order("MRN-M", "dr.wilson", "ROUTINE", ItemStatus.RECEIVED, "HBQ").itemIds().get(0);
            ResultDto r = Lab.as(Lab.ANNA, () -> lab.results.enter(item, "125", "g/L", null));
            assertEquals("L", r.flag);
            assertEquals("130-170", r.referenceRange);
        } finally {
            lab.results.demographics = null;
        }
        assertEquals(at, lab.now.get());
    }
}
