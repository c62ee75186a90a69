package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.pricing.Problems.consultation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.insurance.Coverages;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.scheduling.api.VisitCostEstimator;
import org.pavilion.scheduling.api.VisitCostEstimator.Estimate;
import org.pavilion.scheduling.api.VisitCostEstimator.Visit;

/**
 * At the booking desk: the directory shows a cardiology consultation at 80 euros; Elena, insured with Sanitas' plan
 * (co-pay 10, then 80 %), is told she will pay 24; Marcos, uninsured, 80; an aesthetic dermatology visit is taxed;
 * nephrology has no price and shows none. The insurance rules are a small stand-in for the insurance part's
 * CoverageService that reads the patient's policy in the estimator's transaction, as the real one does.
 */
public class BillingVisitEstimatorTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private BillingDatabase db;
    private PriceListService prices;
    private final List<Coverages.Item> asked = new CopyOnWriteArrayList<>();

    /** The plan's rule for every category: co-pay first, then the covered percent of the rest, half up. */
    private final Coverages sanitas = (em, patientId, day, items, currency) -> {
        List<PolicyEntity> policies = em.createQuery("SELECT p FROM PolicyEntity p WHERE p.patientId = :p"
                + " AND p.status = 'ACTIVE' AND p.validFrom <= :d", PolicyEntity.class)
                .setParameter("p", patientId).setParameter("d", day.toString()).getResultList();
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        asked.addAll(items);
        BigDecimal copay = new BigDecimal("10.00");
        List<Coverages.Share> shares = items.stream().map(i -> {
            BigDecimal rest = i.gross().subtract(copay.min(i.gross()));
            BigDecimal insurer = Amounts.round(rest.multiply(new BigDecimal("0.80")), currency);
            return new Coverages.Share(insurer, i.gross().subtract(insurer));
        }).toList();
        return Optional.of(new Coverages.Split(policies.get(0).getId(), "SANITAS", "SANITAS-PLUS", shares));
    };

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
        prices = new PriceListService(db.emf, e -> { },
                new PriceListService.Settings("EUR", ZoneId.of("Europe/Madrid")), TestConstraints.platform());
        db.plan("SANITAS", null, "SANITAS-PLUS", "0.80", "10.00", "CONSULTATION");
        db.policy("MRN-1001", "SANITAS-PLUS", "SAN-778812");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theDirectoryShowsTheFeeAndTheDeskThePatientsShare() {
        VisitCostEstimator estimator = new BillingVisitEstimator(prices, db.emf, sanitas);

        Estimate directory = estimator.consultationFee(visit(null, "Cardiology", "CARDIO")).get();
        assertEquals(new BigDecimal("80.00"), directory.total());
        assertNull(directory.insuranceShare());
        assertNull(directory.patientShare());
        assertEquals("EUR", directory.currency());
        assertTrue(asked.isEmpty());

        Estimate elena = estimator.estimate(visit("MRN-1001", "Cardiology", "CARDIO")).get();
        assertEquals(new BigDecimal("80.00"), elena.total());
        assertEquals(new BigDecimal("56.00"), elena.insuranceShare());
        assertEquals(new BigDecimal("24.00"), elena.patientShare());
        assertTrue(elena.note(), elena.note().contains("SANITAS plan SANITAS-PLUS"));
        assertEquals(List.of(new Coverages.Item("CONSULTATION", new BigDecimal("80.00"))), asked);

        // the follow-up: 55, the co-pay and 80 % of 45
        Estimate followUp = estimator.estimate(visit("MRN-1001", "Cardiology", "CARD-FU")).get();
        assertEquals(new BigDecimal("55.00"), followUp.total());
        assertEquals(new BigDecimal("36.00"), followUp.insuranceShare());
        assertEquals(new BigDecimal("19.00"), followUp.patientShare());

        Estimate marcos = estimator.estimate(visit("MRN-1002", "Cardiology", "CARDIO")).get();
        assertEquals(new BigDecimal("80.00"), marcos.total());
        assertNull(marcos.insuranceShare());
        assertNull(marcos.patientShare());
        assertTrue(marcos.note(), marcos.note().contains("no active insurance policy"));

        assertTrue(estimator.consultationFee(visit(null, "Nephrology", "NEPH")).isEmpty());
        assertTrue(estimator.estimate(visit("MRN-1001", "Nephrology", "NEPH")).isEmpty());
    }

    @Test
    public void aTaxedVisitIsEstimatedWithItsTaxAndWithoutInsuranceRulesAsTheFee() {
        prices.create(consultation("CONS-AESTH", "Aesthetic dermatology consultation", null, "Dermatology",
                "AESTH", "60.00", "2026-01-01", null));
        PriceDto taxed = prices.list("CONS-AESTH", null, null, null, 0, 10).getItems().get(0);
        taxed.taxCategory = "STANDARD";
        prices.replace(taxed.id, taxed);

        VisitCostEstimator withRules = new BillingVisitEstimator(prices, db.emf, sanitas);
        Estimate aesthetic = withRules.estimate(visit("MRN-1001", "Dermatology", "AESTH")).get();
        assertEquals(new BigDecimal("72.00"), aesthetic.total());
        assertEquals(new BigDecimal("49.60"), aesthetic.insuranceShare());
        assertEquals(new BigDecimal("22.40"), aesthetic.patientShare());

        // the insurance part not (yet) there: the fee, no shares
        VisitCostEstimator withoutRules = new BillingVisitEstimator(prices, db.emf, null);
        Estimate fee = withoutRules.estimate(visit("MRN-1001", "Dermatology", "AESTH")).get();
        assertEquals(new BigDecimal("72.00"), fee.total());
        assertNull(fee.insuranceShare());
        assertTrue(fee.note(), fee.note().contains("insurance not known"));
        // a visit without a date is priced today
        assertEquals(new BigDecimal("72.00"), withoutRules.consultationFee(new Visit(null, "d-x", "Dermatology",
                "AESTH", "IN_PERSON", null)).get().total());
    }

    private static Visit visit(String patientId, String specialty, String serviceCode) {
        return new Visit(patientId, "d-ruiz", specialty, serviceCode, "IN_PERSON", MONDAY);
    }
}
