package org.pavilion.billing.internal.insurance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.CLERK;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.as;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.insurance.Coverages.Item;
import org.pavilion.billing.internal.insurance.Coverages.Share;
import org.pavilion.billing.internal.insurance.Coverages.Split;

/** How a patient's bill is split between the insurer and the patient (docs/billing-api.md, "Money"). */
public class CoverageSplitTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 12, 7);
    private InsuranceDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new InsuranceDesk();
        desk.insurer("AOK");
        // 80 % after a 10.00 co-pay on consultations; lab tests 100 % up to 100.00 a year; medicines 1/3
        desk.plan("AOK-BASIC", "AOK", rule("CONSULTATION", "0.8", "10.00", null),
                rule("LAB_TEST", "1", "0", "100.00"), rule("MEDICINE", "0.3333", "0", null));
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    private Optional<Split> split(String mrn, LocalDate day, Item... items) {
        return desk.db.jpa.call(em -> desk.coverage.split(em, mrn, day, List.of(items), "EUR"));
    }

    private static Item item(String category, String gross) {
        return new Item(category, new BigDecimal(gross));
    }

    private static void assertShare(String insurance, String patient, Share s) {
        assertEquals(new BigDecimal(insurance), s.insurance());
        assertEquals(new BigDecimal(patient), s.patient());
    }

    @Test
    public void theCopayComesFirstThenTheCoveredPercentOfTheRest() throws Exception {
        PolicyDto policy = desk.policy("MRN-1001", "AOK-BASIC", "A-555", "2026-01-01");
        Split s = split("MRN-1001", VISIT, item("CONSULTATION", "60.00"), item("CONSULTATION", "8.00")).get();
        assertEquals(policy.id, s.policyId());
        assertEquals("AOK", s.insurerCode());
        assertEquals("AOK-BASIC", s.planCode());
        assertShare("40.00", "20.00", s.shares().get(0)); // 10.00 co-pay, 80 % of 50.00
        assertShare("0.00", "8.00", s.shares().get(1)); // the co-pay is at most the gross
    }

    @Test
    public void theInsurersShareIsRoundedHalfUpOncePerLineAndUncoveredCategoriesArePaidByThePatient()
            throws Exception {
        desk.policy("MRN-1002", "AOK-BASIC", "A-556", "2026-01-01");
        Split s = split("MRN-1002", VISIT, item("MEDICINE", "10.05"), item("BED_DAY", "120.00")).get();
        assertShare("3.35", "6.70", s.shares().get(0)); // 10.05 x 0.3333 = 3.349665 → 3.35
        assertShare("0.00", "120.00", s.shares().get(1));
    }

    @Test
    public void theAnnualLimitRunsOutInTheMiddleOfAnInvoice() throws Exception {
        PolicyDto policy = desk.policy("MRN-1003", "AOK-BASIC", "A-557", "2026-01-01");
        // earlier this year: 70.00 of lab tests paid by the plan (an issued invoice's insurance share)
        String earlier = desk.issuedInvoice("MRN-1003", "70.00", "70.00", policy.id);
        desk.db.jpa.run(em -> em.createQuery("update InvoiceLineEntity l set l.category = 'LAB_TEST'"
                + " where l.invoiceId = :i").setParameter("i", earlier).executeUpdate());
        Split s = split("MRN-1003", VISIT, item("LAB_TEST", "12.00"), item("LAB_TEST", "25.00"),
                item("LAB_TEST", "9.00"), item("CONSULTATION", "30.00")).get();
        assertShare("12.00", "0.00", s.shares().get(0));
        assertShare("18.00", "7.00", s.shares().get(1)); // 30.00 were left of the 100.00
        assertShare("0.00", "9.00", s.shares().get(2));
        assertShare("16.00", "14.00", s.shares().get(3)); // other categories have their own rule

        // next year the limit starts again
        Split nextYear = split("MRN-1003", LocalDate.of(2027, 1, 4), item("LAB_TEST", "25.00")).get();
        assertShare("25.00", "0.00", nextYear.shares().get(0));
    }

    @Test
    public void aReversalIsThePositiveSplitNegated() throws Exception {
        desk.policy("MRN-1004", "AOK-BASIC", "A-558", "2026-01-01");
        Split s = split("MRN-1004", VISIT, item("CONSULTATION", "-60.00")).get();
        assertShare("-40.00", "-20.00", s.shares().get(0));
    }

    @Test
    public void withoutAPolicyInForceThePatientPaysAll() throws Exception {
        assertTrue(split("MRN-1005", VISIT, item("CONSULTATION", "60.00")).isEmpty());
        PolicyDto policy = desk.policy("MRN-1005", "AOK-BASIC", "A-559", "2027-01-01");
        assertTrue("not yet valid", split("MRN-1005", VISIT, item("CONSULTATION", "60.00")).isEmpty());
        PolicyDto ended = as(CLERK, () -> {
            PolicyDto in = new PolicyDto();
            in.status = "ENDED";
            in.validFrom = "2026-01-01";
            in.validTo = "2026-11-30";
            in.version = policy.version;
            return desk.policies.update(policy.id, in);
        });
        assertEquals("ENDED", ended.status);
        assertTrue("ended", split("MRN-1005", VISIT, item("CONSULTATION", "60.00")).isEmpty());
        assertTrue("ended, also while it was valid",
                split("MRN-1005", LocalDate.of(2026, 6, 1), item("CONSULTATION", "60.00")).isEmpty());
    }
}
