package org.pavilion.billing.internal.pricing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.pricing.Problems.expect;
import static org.pavilion.billing.internal.pricing.Problems.price;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.money.LineAmounts;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;

/**
 * December in the finance office: the ECG gets a new tariff from 1 January (the old one is ended first, an overlap is
 * refused), a withdrawn price disappears from quotes but stays in the history, the reduced VAT rate changes and every
 * medicine follows at once, and every kind of nonsense is refused without writing anything.
 */
public class PriceListEditsTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private BillingDatabase db;
    private PriceListService prices;
    private PriceResource rest;
    private TaxCategoryResource taxes;
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
        prices = new PriceListService(db.emf, audited::add,
                new PriceListService.Settings("EUR", ZoneId.of("Europe/Madrid")), TestConstraints.platform());
        rest = new PriceResource(prices);
        taxes = new TaxCategoryResource(prices);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theEcgGetsNextYearsTariffAfterThisYearsIsEnded() {
        QuoteDto today = rest.quote("proc-ecg", "2026-12-07");
        assertEquals("PROC-ECG", today.code);
        assertEquals("35.00", today.unitPrice);
        assertEquals("PROCEDURE", today.category);
        assertEquals("EXEMPT", today.taxCategory);
        assertEquals("0.0000", today.taxRate);
        assertEquals("EUR", today.currency);

        // the starter price is open-ended: next year's cannot start while it runs
        PriceDto next = price("PROC-ECG", "Electrocardiogram, 12-lead, with report", "PROCEDURE", "38.50", "EXEMPT",
                "2027-01-01", null);
        expect(409, "overlaps", () -> prices.create(next));

        PriceDto current = single(rest.list("PROC-ECG", null, null, null, 0, 50));
        int v = current.version;
        current.validTo = "2026-12-31";
        PriceDto ended = rest.replace(current.id, current);
        assertEquals("2026-12-31", ended.validTo);
        assertEquals(v + 1, (int) ended.version);

        PriceDto nextYear = prices.create(next);
        assertEquals("38.50", nextYear.unitPrice);
        assertTrue(nextYear.active);
        assertEquals("35.00", rest.quote("PROC-ECG", "2026-12-31").unitPrice);
        assertEquals("38.50", rest.quote("PROC-ECG", "2027-01-01").unitPrice);
        assertEquals(new BigDecimal("38.5000"), prices.priceOf("PROC-ECG", LocalDate.of(2027, 3, 1)).get().unitPrice());
        assertEquals("PROCEDURES", prices.priceOf("PROC-ECG", MONDAY).get().department());
        assertEquals(List.of(nextYear.id), ids(rest.list("proc-ecg", "procedure", "2027-01-01", null, 0, 50)));
        assertEquals(List.of(current.id, nextYear.id), ids(rest.list("electrocardiogram", null, null, "true", 0, 50)));

        // reopening the old price would overlap the new one; a stale version is someone else's edit
        ended.validTo = null;
        expect(409, "overlaps", () -> rest.replace(current.id, ended));
        current.version = v;
        current.validTo = "2026-12-30";
        expect(409, "meanwhile", () -> rest.replace(current.id, current));
        current.version = null;
        expect(409, "send its version", () -> rest.replace(current.id, current));

        // withdrawn: no longer quoted, still listed as history; a second price from the same day is refused
        PriceDto withdrawn = rest.deactivate(nextYear.id);
        assertFalse(withdrawn.active);
        expect(404, "No price of PROC-ECG on 2027-01-01", () -> rest.quote("PROC-ECG", "2027-01-01"));
        assertTrue(prices.priceOf("PROC-ECG", LocalDate.of(2027, 1, 1)).isEmpty());
        assertEquals(List.of(nextYear.id), ids(rest.list("PROC-ECG", null, null, "false", 0, 50)));
        assertFalse(rest.get(nextYear.id).active);
        expect(409, "has a price from 2027-01-01 already", () -> prices.create(next));
        // an inactive price may overlap: reactivating it may not, unless the other is ended
        withdrawn.active = true;
        withdrawn.validFrom = "2026-12-01";
        expect(409, "overlaps", () -> rest.replace(nextYear.id, withdrawn));
        withdrawn.validFrom = "2027-01-01";
        assertTrue(rest.replace(nextYear.id, withdrawn).active);
        assertEquals("38.50", rest.quote("PROC-ECG", "2027-01-01").unitPrice);

        assertEquals(List.of("UPDATE", "CREATE", "DELETE", "UPDATE"), audited.stream().map(AuditEvent::action).toList());
        assertTrue(audited.stream().allMatch(e -> "bl-price".equals(e.resourceType())));
        assertEquals(nextYear.id, audited.get(1).resourceId());
        assertTrue(audited.get(1).detail(), audited.get(1).detail().contains("PROC-ECG 38.5000 EXEMPT from 2027-01-01"));
    }

    @Test
    public void aNewReducedRateReachesEveryMedicineAtOnce() {
        assertEquals(new BigDecimal("0.0550"), prices.priceOf("PH-AMOX500", MONDAY).get().taxRate());
        TaxCategoryDto reduced = taxes.list().stream().filter(t -> t.code.equals("REDUCED")).findFirst().get();
        assertEquals("0.0550", reduced.rate);
        assertEquals(List.of("EXEMPT", "REDUCED", "STANDARD"), taxes.list().stream().map(t -> t.code).toList());

        int v = reduced.version;
        reduced.rate = "0.06";
        TaxCategoryDto raised = taxes.put("reduced", reduced);
        assertEquals("0.0600", raised.rate);
        assertEquals(v + 1, (int) raised.version);
        PriceList.Price amoxicillin = prices.priceOf("PH-AMOX500", MONDAY).get();
        assertEquals(new BigDecimal("0.0600"), amoxicillin.taxRate());
        assertEquals(new BigDecimal("0.1500"), amoxicillin.unitPrice());
        assertEquals("0.0600", rest.quote("PH-PARA500", "2026-12-07").taxRate);
        // 21 capsules: 3.15 net, 0.19 tax (0.189 rounded half up), 3.34
        LineAmounts line = LineAmounts.of(new BigDecimal("21"), amoxicillin.unitPrice(), BigDecimal.ZERO,
                amoxicillin.taxRate(), amoxicillin.currency());
        assertEquals(new BigDecimal("3.34"), line.gross());
        assertEquals(new BigDecimal("0.2000"), prices.priceOf("PH-GLOVES-M", MONDAY).get().taxRate());

        // a colleague still holding the old version, or none, loses
        reduced.rate = "0.07";
        expect(409, "meanwhile", () -> taxes.put("REDUCED", reduced));
        reduced.version = null;
        expect(409, "send its version", () -> taxes.put("REDUCED", reduced));

        // a new category for cosmetic treatments, used by a new price at once
        TaxCategoryDto cosmetic = new TaxCategoryDto();
        cosmetic.name = "Cosmetic treatments (standard rate)";
        cosmetic.rate = "0.2";
        assertEquals("0.2000", taxes.put("cosmetic", cosmetic).rate);
        prices.create(price("PROC-PEEL", "Chemical peel", "PROCEDURE", "90", "COSMETIC", "2026-01-01", null));
        assertEquals(new BigDecimal("0.2000"), prices.priceOf("PROC-PEEL", MONDAY).get().taxRate());

        cosmetic.rate = "1.5";
        expect(422, "rate is a fraction from 0 to 1", () -> taxes.put("COSMETIC2", cosmetic));
        cosmetic.rate = "0.05555";
        expect(422, "rate is a fraction", () -> taxes.put("COSMETIC2", cosmetic));
        cosmetic.rate = "0.1";
        cosmetic.code = "OTHER";
        expect(422, "is not the code of the address", () -> taxes.put("COSMETIC2", cosmetic));
        cosmetic.code = null;
        cosmetic.name = " ";
        expect(422, "name is required", () -> taxes.put("COSMETIC2", cosmetic));
        cosmetic.code = "COSMETIC";
        cosmetic.rate = "20 %";
        assertEquals(List.of(Map.of("field", "code", "message", "must be up to 30 letters, digits, '.', '_' or '-' "
                        + "(was 'cosmetic rate!')"),
                Map.of("field", "name", "message", "is required"),
                Map.of("field", "rate", "message", "is not a decimal number: 20 %")),
                expect(422, "3 invalid fields", () -> taxes.put("cosmetic rate!", cosmetic)).extensions()
                        .get("violations"));
        cosmetic.code = null;
        expect(400, "body", () -> taxes.put("COSMETIC2", null));
        assertEquals(List.of("COSMETIC", "EXEMPT", "REDUCED", "STANDARD"), taxes.list().stream().map(t -> t.code)
                .toList());
        assertEquals(List.of("UPDATE", "CREATE", "CREATE"), audited.stream().map(AuditEvent::action).toList());
        assertEquals("bl-tax-category", audited.get(0).resourceType());
        assertEquals("rate 0.0600", audited.get(0).detail());
    }

    @Test
    public void nonsenseIsRefusedAndNothingIsWritten() {
        long before = rows();
        expect(422, "unitPrice must not be negative", () -> prices.create(price("PROC-X", "X", "PROCEDURE", "-5.00",
                "EXEMPT", "2026-01-01", null)));
        expect(422, "unitPrice has more than 4 decimals", () -> prices.create(price("PROC-X", "X", "PROCEDURE",
                "1.23456", "EXEMPT", "2026-01-01", null)));
        expect(422, "unitPrice is not a decimal number", () -> prices.create(price("PROC-X", "X", "PROCEDURE",
                "twelve", "EXEMPT", "2026-01-01", null)));
        expect(422, "taxCategory LUXURY does not exist", () -> prices.create(price("PROC-X", "X", "PROCEDURE", "5",
                "luxury", "2026-01-01", null)));
        expect(422, "validFrom must be a date yyyy-MM-dd (was '2026-02-30')", () -> prices.create(price("PROC-X", "X",
                "PROCEDURE", "5", "EXEMPT", "2026-02-30", null)));
        expect(422, "validTo 2025-12-31 is before validFrom 2026-01-01", () -> prices.create(price("PROC-X", "X",
                "PROCEDURE", "5", "EXEMPT", "2026-01-01", "2025-12-31")));
        expect(422, "validFrom is required", () -> prices.create(price("PROC-X", "X", "PROCEDURE", "5", "EXEMPT", null,
                null)));
        PriceDto everything = price("proc x!", " ", "DRUG", "", null, "01/01/2026", "tomorrow");
        everything.doctorId = "d-1";
        ProblemException refused = expect(422, "code must be", () -> prices.create(everything));
        String all = refused.detail();
        for (String part : List.of("name is required", "category must be one of", "unitPrice is required",
                "taxCategory is required", "validFrom must be a date", "validTo must be a date")) {
            assertTrue(part + " in: " + all, all.contains(part));
        }
        assertEquals("urn:pavilion:problem:validation", refused.type());
        assertEquals(List.of(Map.of("field", "category", "message", "must be one of BED_DAY, CONSULTATION, LAB_TEST, "
                        + "MEDICINE, OTHER, PROCEDURE, SUPPLY"),
                Map.of("field", "code", "message", "must be up to 40 letters, digits, '.', '_' or '-'"),
                Map.of("field", "doctorId", "message", "is for CONSULTATION prices only"),
                Map.of("field", "name", "message", "is required"),
                Map.of("field", "taxCategory", "message", "is required"),
                Map.of("field", "unitPrice", "message", "is required"),
                Map.of("field", "validFrom", "message", "must be a date yyyy-MM-dd"),
                Map.of("field", "validTo", "message", "must be a date yyyy-MM-dd")),
                refused.extensions().get("violations"));
        PriceDto longWinded = price("PROC-" + "X".repeat(36), "N".repeat(201), "procedure", "5", "EXEMPT",
                "2026-02-30", null);
        longWinded.specialty = "Cardiology";
        assertEquals(List.of(Map.of("field", "code", "message", "must be up to 40 letters, digits, '.', '_' or '-'"),
                Map.of("field", "name", "message", "is at most 200 characters"),
                Map.of("field", "specialty", "message", "is for CONSULTATION prices only"),
                Map.of("field", "validFrom", "message", "must be a date yyyy-MM-dd (was '2026-02-30')")),
                expect(422, "4 invalid fields", () -> prices.create(longWinded)).extensions().get("violations"));
        PriceDto doctorsLab = price("LAB-X", "X", "LAB_TEST", "5", "EXEMPT", "2026-01-01", null);
        doctorsLab.doctorId = "d-pena";
        expect(422, "for CONSULTATION prices only", () -> prices.create(doctorsLab));
        PriceDto withId = price("PROC-X", "X", "PROCEDURE", "5", "EXEMPT", "2026-01-01", null);
        withId.id = "mine";
        expect(422, "id is given by the server", () -> prices.create(withId));
        expect(400, "body", () -> prices.create(null));

        PriceDto ecg = single(rest.list("PROC-ECG", null, null, null, 0, 50));
        ecg.code = "PROC-EKG";
        expect(422, "a price keeps its code (PROC-ECG)", () -> rest.replace(ecg.id, ecg));
        ecg.code = "PROC-ECG";
        ecg.unitPrice = "-1";
        expect(422, "must not be negative", () -> rest.replace(ecg.id, ecg));
        ecg.unitPrice = "35";
        ecg.id = null;
        expect(404, "Price nope does not exist", () -> rest.replace("nope", ecg));
        expect(404, "Price nope does not exist", () -> rest.deactivate("nope"));
        expect(404, "Price nope does not exist", () -> rest.get("nope"));
        expect(404, "No price of NO-SUCH-CODE", () -> rest.quote("NO-SUCH-CODE", null));
        expect(400, "code is required", () -> rest.quote(" ", "2026-12-07"));
        expect(400, "on must be a date", () -> rest.quote("PROC-ECG", "7.12.2026"));
        expect(400, "on must be a date", () -> rest.list(null, null, "2026-13-01", null, 0, 50));
        expect(400, "category must be one of", () -> rest.list(null, "DRUG", null, null, 0, 50));
        expect(400, "active must be true or false", () -> rest.list(null, null, null, "yes", 0, 50));
        expect(400, "size must be between", () -> rest.list(null, null, null, null, 0, 0));

        assertEquals(before, rows());
        assertTrue(audited.isEmpty());
        assertEquals("35.00", rest.quote("PROC-ECG", null).unitPrice);
    }

    private long rows() {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(p) FROM PriceEntity p", Long.class).getSingleResult());
    }

    private static PriceDto single(Page<PriceDto> page) {
        assertEquals(1, page.getTotal());
        return page.getItems().get(0);
    }

    private static List<String> ids(Page<PriceDto> page) {
        return page.getItems().stream().map(p -> p.id).toList();
    }
}
