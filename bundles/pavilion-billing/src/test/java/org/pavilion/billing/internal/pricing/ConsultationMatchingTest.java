package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.pricing.Problems.consultation;
import static org.pavilion.billing.internal.pricing.Problems.expect;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.core.testing.TestConstraints;

/**
 * Which fee an appointment costs: Dr. Peña (cardiology) has his own fee and his own follow-up fee until the end of the
 * year, the other cardiologists the department's, a dermatology video visit its own, a travel clinic only a service
 * fee; nephrology has no price at all.
 */
public class ConsultationMatchingTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final LocalDate NEXT_YEAR = LocalDate.of(2027, 1, 5);

    private BillingDatabase db;
    private PriceListService prices;

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
        prices = new PriceListService(db.emf, e -> { },
                new PriceListService.Settings("EUR", ZoneId.of("Europe/Madrid")), TestConstraints.platform());
        prices.create(consultation("CONS-PENA", "Consultation Dr. Peña", "d-pena", "Cardiology", null, "95.00",
                "2026-01-01", "2026-12-31"));
        prices.create(consultation("CONS-PENA-FU", "Follow-up Dr. Peña", "d-pena", null, "CARD-FU", "70.00",
                "2026-01-01", "2026-12-31"));
        prices.create(consultation("CONS-TRAVEL", "Travel medicine consultation", null, null, "TRAVEL", "40.00",
                "2026-01-01", null));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theDoctorsOwnFeeComesFirstThenSpecialtyAndServiceThenSpecialtyThenService() {
        // the doctor's own fee for this service, else his own for any
        assertEquals("CONS-PENA-FU", code("d-pena", "Cardiology", "CARD-FU", MONDAY));
        assertEquals("CONS-PENA", code("d-pena", "Cardiology", "CARDIO", MONDAY));
        assertEquals("95.0000", prices.consultation("d-pena", null, null, MONDAY).get().unitPrice().toPlainString());
        // another cardiologist: the department's follow-up (specialty and service), else its consultation
        assertEquals("CONS-CARDIO-FU", code("d-ruiz", "Cardiology", "CARD-FU", MONDAY));
        assertEquals("CONS-CARDIO", code("d-ruiz", "cardiology", "cardio", MONDAY));
        assertEquals("CONS-DERM-VIDEO", code("d-lopez", "Dermatology", "TELE-DERM", MONDAY));
        assertEquals("CONS-DERM", code("d-lopez", "Dermatology", "DERM", MONDAY));
        // a specialty without a price: the service's own
        assertEquals("CONS-TRAVEL", code("d-silva", "Nephrology", "TRAVEL", MONDAY));
        assertEquals("CONS-TRAVEL", code(null, null, "travel", MONDAY));
        // nothing applies
        assertTrue(prices.consultation("d-silva", "Nephrology", "NEPH", MONDAY).isEmpty());
        assertTrue(prices.consultation(null, null, null, MONDAY).isEmpty());

        PriceList.Price fee = prices.consultation("d-ruiz", "Cardiology", "CARDIO", MONDAY).get();
        assertEquals("CONSULTATION", fee.category());
        assertEquals("CONSULTATIONS", fee.department());
        assertEquals("EXEMPT", fee.taxCategory());
        assertEquals("EUR", fee.currency());
    }

    @Test
    public void anEndedOrWithdrawnDoctorsFeeFallsBackToTheDepartments() {
        // Dr. Peña's fees end with the year
        assertEquals("CONS-CARDIO-FU", code("d-pena", "Cardiology", "CARD-FU", NEXT_YEAR));
        assertEquals("CONS-CARDIO", code("d-pena", "Cardiology", "CARDIO", NEXT_YEAR));
        // and his follow-up fee withdrawn today: his general fee applies
        String followUp = prices.list("CONS-PENA-FU", null, null, null, 0, 10).getItems().get(0).id;
        prices.deactivate(followUp);
        assertEquals("CONS-PENA", code("d-pena", "Cardiology", "CARD-FU", MONDAY));
        // a new fee of his code cannot start while his current one runs
        expect(409, "overlaps", () -> prices.create(consultation("CONS-PENA", "Consultation Dr. Peña", "d-pena",
                "Cardiology", null, "99.00", "2026-06-01", null)));
    }

    private String code(String doctorId, String specialty, String serviceCode, LocalDate day) {
        Optional<PriceList.Price> p = prices.consultation(doctorId, specialty, serviceCode, day);
        assertTrue(doctorId + "/" + specialty + "/" + serviceCode + " has no price", p.isPresent());
        return p.get().code();
    }
}
