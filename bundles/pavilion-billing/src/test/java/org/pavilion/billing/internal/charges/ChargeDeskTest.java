package org.pavilion.billing.internal.charges;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;

/**
 * A day at the billing desk of the surgical ward: manual charges priced from the list on the service date, a
 * patient's and an encounter's charges listed, a wrong charge cancelled, and what the desk is refused. Real change log
 * on H2 (or PostgreSQL with -Dpavilion.test.postgres).
 */
public class ChargeDeskTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static BillingDatabase db;
    private static final TablePriceList PRICES = new TablePriceList()
            .price("PROC-DRESS", "Wound dressing change", "PROCEDURE", "25.00", "EXEMPT", "0")
            .price("SUP-BANDAGE", "Elastic bandage", "SUPPLY", "4.4950", "STANDARD", "0.2")
            .priceFrom("PROC-CAST", "Plaster cast", "PROCEDURE", "80.00", "EXEMPT", "0", LocalDate.of(2026, 12, 10));
    private final RecordingAudit audit = new RecordingAudit();
    private ChargeService charges;
    private ChargeQueries queries;

    @BeforeClass
    public static void database() throws Exception {
        db = new BillingDatabase();
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    @Before
    public void desk() {
        charges = new ChargeService(db.emf, PRICES, audit, null, BERLIN, TestConstraints.platform());
        queries = new ChargeQueries(charges, audit);
        CallerContext.bind(Staff.clerk("clerk.weber"));
    }

    @After
    public void leave() {
        CallerContext.clear();
    }

    static ChargeBodies.NewCharge manual(String patient, String encounter, String code, String quantity, String day) {
        ChargeBodies.NewCharge b = new ChargeBodies.NewCharge();
        b.patientId = patient;
        b.encounterId = encounter;
        b.priceCode = code;
        b.quantity = quantity;
        b.serviceDate = day;
        return b;
    }

    static ChargeBodies.Reason reason(String text) {
        ChargeBodies.Reason r = new ChargeBodies.Reason();
        r.reason = text;
        return r;
    }

    @Test
    public void theWardsDressingsAndABandageAreChargedListedAndTheWrongBandageCancelled() {
        String mrn = "0000004711";
        Charge dressing = charges.post(manual(mrn, "ENC-SURG-1", "PROC-DRESS", "2", "2026-12-07"));
        ChargeBodies.NewCharge bandageBody = manual(mrn, "ENC-SURG-1", "SUP-BANDAGE", "1", "2026-12-07");
        bandageBody.doctorId = "dr.hartmann";
        bandageBody.note = "left ankle";
        Charge bandage = charges.post(bandageBody);
        Charge other = charges.post(manual("0000009999", "ENC-SURG-2", "PROC-DRESS", "1", "2026-12-07"));

        assertEquals("MANUAL", dressing.sourceType());
        assertEquals("OPEN", dressing.status());
        assertEquals("Wound dressing change", dressing.description());
        assertEquals("PROCEDURE", dressing.category());
        assertEquals("PROCEDURES", dressing.department());
        assertEquals("2.000", dressing.quantity());
        assertEquals("25.0000", dressing.unitPrice());
        assertEquals("0.0000", dressing.taxRate());
        assertEquals("2026-12-07", dressing.serviceDate());
        assertEquals("clerk.weber", dressing.postedBy());
        assertEquals("4.4950", bandage.unitPrice());
        assertEquals("0.2000", bandage.taxRate());
        assertEquals("PHARMACY", bandage.department());
        assertEquals("dr.hartmann", bandage.doctorId());
        assertEquals("left ankle", bandage.note());
        assertEquals(2, audit.count("CREATE", mrn));

        Page<Charge> hers = queries.charges(mrn, null, null, null, null, 0, 50);
        assertEquals(2, hers.getTotal());
        assertEquals(1, queries.charges(null, "ENC-SURG-2", null, null, null, 0, 50).getTotal());
        assertEquals(other.id(), queries.charges(null, "ENC-SURG-2", null, null, null, 0, 50).getItems().get(0).id());
        assertEquals(0, queries.charges(mrn, null, null, "2026-12-08", null, 0, 50).getTotal());
        assertEquals(2, queries.charges(mrn, null, null, "2026-12-07", "2026-12-07", 0, 50).getTotal());
        assertTrue(audit.count("SEARCH", mrn) >= 3);

        Charge cancelled = charges.cancel(bandage.id(), reason("bandage was from the ward's own stock"));
        assertEquals("CANCELLED", cancelled.status());
        assertEquals("bandage was from the ward's own stock", cancelled.cancelReason());
        assertEquals("clerk.weber", cancelled.cancelledBy());
        List<Charge> open = queries.charges(mrn, null, "OPEN", null, null, 0, 50).getItems();
        assertEquals(1, open.size());
        assertEquals(dressing.id(), open.get(0).id());
        assertEquals(409, problem(() -> charges.cancel(bandage.id(), reason("again"))).status());

        // the invoices part took the dressing on a draft invoice: it is no longer the desk's to cancel
        db.jpa.run(em -> {
            ChargeEntity c = em.find(ChargeEntity.class, dressing.id());
            c.setStatus("INVOICED");
            c.setInvoiceId("inv-1");
        });
        assertEquals(409, problem(() -> charges.cancel(dressing.id(), reason("wrong patient"))).status());
        assertEquals("INVOICED", db.jpa.call(em -> em.find(ChargeEntity.class, dressing.id())).getStatus());
    }

    @Test
    public void aChargeAnswersTheContractsJsonWithAmountsAsStrings() throws Exception {
        Charge c = charges.post(manual("0000004716", "ENC-9", "SUP-BANDAGE", "3", "2026-12-07"));
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(c));
        for (String field : List.of("id", "patientId", "encounterId", "sourceType", "sourceId", "priceCode",
                "description", "category", "department", "doctorId", "quantity", "unitPrice", "taxRate",
                "serviceDate", "postedAt", "postedBy", "status", "invoiceId", "note")) {
            assertTrue("Charge has " + field, json.has(field));
        }
        assertTrue(json.get("unitPrice").isTextual());
        assertEquals("4.4950", json.get("unitPrice").asText());
        assertEquals("3.000", json.get("quantity").asText());
        assertTrue(json.get("postedAt").asText().endsWith("Z"));
    }

    @Test
    public void twoClerksCancellingTheSameChargeAtOnceCancelItOnceAndTheOtherIsToldSo() throws Exception {
        Charge c = charges.post(manual("0000004717", null, "PROC-DRESS", "1", "2026-12-07"));
        Race race = Race.of(List.of(Staff.clerk("clerk.weber"), Staff.clerk("clerk.yilmaz")),
                () -> charges.cancel(c.id(), reason("entered twice")));
        assertEquals(1, race.succeeded);
        assertEquals(List.of(409), race.refused);
        ChargeEntity row = db.jpa.call(em -> em.find(ChargeEntity.class, c.id()));
        assertEquals("CANCELLED", row.getStatus());
        assertEquals("entered twice", row.getCancelReason());
    }

    @Test
    public void aChargeIsPricedOnItsServiceDate() {
        assertEquals(422, problem(() -> charges.post(manual("0000004712", null, "PROC-CAST", "1", "2026-12-09")))
                .status());
        Charge cast = charges.post(manual("0000004712", null, "PROC-CAST", "1", "2026-12-10"));
        assertEquals("80.0000", cast.unitPrice());
        Charge today = charges.post(manual("0000004712", null, "PROC-DRESS", "1", null));
        assertEquals(LocalDate.now(BERLIN).toString(), today.serviceDate());
    }

    @Test
    public void badInputIsRefusedAndWritesNothing() {
        String mrn = "0000004713";
        assertEquals(400, problem(() -> charges.post(manual(null, null, "PROC-DRESS", "1", null))).status());
        assertEquals(400, problem(() -> charges.post(manual(mrn, null, " ", "1", null))).status());
        assertEquals(422, problem(() -> charges.post(manual(mrn, null, "NO-SUCH-CODE", "1", null))).status());
        assertEquals(422, problem(() -> charges.post(manual(mrn, null, "PROC-DRESS", "-1", null))).status());
        assertEquals(422, problem(() -> charges.post(manual(mrn, null, "PROC-DRESS", "0", null))).status());
        assertEquals(422, problem(() -> charges.post(manual(mrn, null, "PROC-DRESS", "1.2345", null))).status());
        assertEquals(422, problem(() -> charges.post(manual(mrn, null, "PROC-DRESS", "two", null))).status());
        assertEquals(422, problem(() -> charges.post(manual(mrn, null, "PROC-DRESS", null, null))).status());
        assertEquals(400, problem(() -> charges.post(manual(mrn, null, "PROC-DRESS", "1", "07.12.2026"))).status());
        assertEquals(400, problem(() -> charges.post(null)).status());
        assertEquals(0, queries.charges(mrn, null, null, null, null, 0, 50).getTotal());

        assertEquals(400, problem(() -> queries.charges(null, null, null, null, null, 0, 50)).status());
        assertEquals(400, problem(() -> queries.charges(mrn, null, "PAID", null, null, 0, 50)).status());
        assertEquals(400, problem(() -> queries.charges(mrn, null, null, "yesterday", null, 0, 50)).status());
        assertEquals(400, problem(() -> queries.charges(mrn, null, null, null, null, -1, 50)).status());
        assertEquals(400, problem(() -> queries.charges(mrn, null, null, null, null, 0, 500)).status());
        assertEquals(400, problem(() -> queries.parked("LOST", 0, 50)).status());

        assertEquals(404, problem(() -> charges.cancel("no-such-charge", reason("typo"))).status());
        Charge c = charges.post(manual(mrn, null, "PROC-DRESS", "1", null));
        assertEquals(400, problem(() -> charges.cancel(c.id(), reason(" "))).status());
        assertEquals(400, problem(() -> charges.cancel(c.id(), null)).status());
        assertEquals("OPEN", db.jpa.call(em -> em.find(ChargeEntity.class, c.id())).getStatus());
        assertNull(db.jpa.call(em -> em.find(ChargeEntity.class, c.id())).getCancelReason());
    }

    @Test
    public void aRushedManualChargeNamesEveryBrokenFieldAtOnceAndWritesNothing() {
        ChargeBodies.NewCharge rushed = manual(" ", null, null, "1", "7 Dec");
        rushed.note = "Dressing changed twice because the first one slipped. ".repeat(10);
        ProblemException e = problem(() -> charges.post(rushed));
        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(Map.of("field", "note", "message", "size must be between 0 and 500"),
                Map.of("field", "patientId", "message", "must not be blank"),
                Map.of("field", "priceCode", "message", "must not be blank"),
                Map.of("field", "serviceDate", "message", "must be a date as yyyy-MM-dd")),
                e.extensions().get("violations"));
        assertEquals(400, problem(() -> charges.post(manual("0000004718", null, "PROC-DRESS", "1", "2026-02-30")))
                .status()); // the right shape but no real day: still refused, by the date parser
        Charge c = charges.post(manual("0000004718", null, "PROC-DRESS", "1", null));
        assertEquals(List.of(Map.of("field", "reason", "message", "size must be between 0 and 500")),
                problem(() -> charges.cancel(c.id(), reason("x".repeat(501)))).extensions().get("violations"));
        assertEquals(1, queries.charges("0000004718", null, null, null, null, 0, 50).getTotal());
    }

    @Test
    public void aPatientsOwnAccountIsRefusedAnotherPatientsCharges() {
        charges.post(manual("0000004714", null, "PROC-DRESS", "1", null));
        CallerContext.bind(Staff.patientAccount("0000004715"));
        assertEquals(403, problem(() -> queries.charges("0000004714", null, null, null, null, 0, 50)).status());
        assertTrue(audit.records.stream().anyMatch(e -> e.outcome().name().equals("DENIED")
                && "0000004714".equals(e.patientId())));
    }

    static ProblemException problem(ThrowingRunnable call) {
        return assertThrows(ProblemException.class, call);
    }
}
