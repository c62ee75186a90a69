package org.pavilion.pharmacy.internal.purchasing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.pharmacy.internal.purchasing.PurchasingDesk.as;
import static org.pavilion.pharmacy.internal.purchasing.PurchasingDesk.delivery;
import static org.pavilion.pharmacy.internal.purchasing.PurchasingDesk.draft;
import static org.pavilion.pharmacy.internal.purchasing.PurchasingDesk.line;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.alerts.ReorderSuggestions.Suggestion;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.FromSuggestions;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.GoodsReceipt;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.OrderDraft;
import org.pavilion.pharmacy.internal.purchasing.PurchasingBodies.PurchaseOrder;
import org.pavilion.pharmacy.internal.stock.MovementEntity;

public class PurchaseOrdersTest {

    private PurchasingDesk desk;
    private String supplierId;

    @Before
    public void setUp() throws Exception {
        desk = new PurchasingDesk();
        supplierId = as("ph.santos", () -> desk.supplier("Medipharm Distributors")).id;
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void anOrderOfTwoLinesArrivesInTwoDeliveriesAndTheStockFollows() {
        PurchaseOrder draft = as("ph.santos", () -> desk.orders.create(draft(supplierId, "CENTRAL", "PARA500", "100", "AMOX500", "50")));
        assertEquals("DRAFT", draft.status);
        assertEquals("MANUAL", draft.origin);
        assertEquals("ph.santos", draft.createdBy);
        assertEquals("Medipharm Distributors", draft.supplierName);
        assertTrue(draft.number, draft.number.matches("PO-\\d{4}-00001"));
        String paracetamol = draft.lines.get(0).id;
        String amoxicillin = draft.lines.get(1).id;
        assertEquals("Paracetamol 500 mg tablet", draft.lines.get(0).itemName);

        PurchaseOrder sent = as("ph.santos", () -> desk.orders.send(draft.id));
        assertEquals("SENT", sent.status);
        assertTrue(sent.sentAt != null && sent.version > draft.version);

        GoodsReceipt first = as("ph.mwangi", () -> desk.receipts.receive(draft.number, delivery("DN-4411",
                line(paracetamol, "P-2301", "2028-03-31", "60"), line(amoxicillin, "A-778", "2027-11-30", "50"))));
        assertEquals("ph.mwangi", first.receivedBy);
        assertEquals(2, first.lines.size());
        assertEquals("P-2301", first.lines.get(0).batchNumber);
        assertEquals("PARA500", first.lines.get(0).itemCode);
        PurchaseOrder partly = desk.orders.get(draft.id);
        assertEquals("PARTIALLY_RECEIVED", partly.status);
        assertDecimal("60", partly.lines.get(0).quantityReceived);
        assertDecimal("50", partly.lines.get(1).quantityReceived);
        assertDecimal("60", desk.db.onHand("CENTRAL", "PARA500"));
        assertDecimal("50", desk.db.onHand("CENTRAL", "AMOX500"));

        GoodsReceipt second = as("ph.mwangi", () -> desk.receipts.receive(draft.id, delivery("DN-4502",
                line(paracetamol, "P-2317", "2028-06-30", "40"))));
        PurchaseOrder received = desk.orders.get(draft.id);
        assertEquals("RECEIVED", received.status);
        assertTrue(received.closedAt != null);
        assertEquals(2, received.receipts.size());
        assertDecimal("100", desk.db.onHand("CENTRAL", "PARA500"));
        assertDecimal("50", desk.db.onHand("CENTRAL", "AMOX500"));
        assertDecimal("0", desk.db.onHand("MAIN", "PARA500"));

        List<MovementEntity> ledger = receiptMovements();
        assertEquals(3, ledger.size());
        for (MovementEntity m : ledger) {
            assertEquals("RECEIPT", m.getKind());
            assertEquals("CENTRAL", m.getStoreCode());
            assertEquals("ph.mwangi", m.getActor());
            assertEquals(supplierId, m.getCounterpart());
        }
        assertEquals(Set.of(first.id, second.id), new HashSet<>(ledger.stream().map(MovementEntity::getReferenceId).toList()));
        assertDecimal("100", ledger.stream().filter(m -> m.getItemCode().equals("PARA500"))
                .map(MovementEntity::getQuantity).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertTrue(desk.trail.stream().filter(e -> e.resourceType().equals("ph-purchase-order")).count() >= 4);
    }

    @Test
    public void moreThanIsStillOpenOnALineIsRefusedAndNothingOfTheDeliveryIsBooked() {
        PurchaseOrder order = sentOrder("PARA500", "100", "GAUZE", "20");
        String paracetamol = order.lines.get(0).id;
        String gauze = order.lines.get(1).id;
        as("ph.mwangi", () -> desk.receipts.receive(order.id, delivery("DN-1", line(paracetamol, "P-1", "2028-01-31", "60"))));

        expect(422, () -> desk.receipts.receive(order.id, delivery("DN-2",
                line(gauze, "G-9", null, "20"), line(paracetamol, "P-2", "2028-02-29", "50"))));
        // two batches of one line in one delivery count together: 30 + 11 is more than the 40 still open
        expect(422, () -> desk.receipts.receive(order.id, delivery("DN-3",
                line(paracetamol, "P-2", "2028-02-29", "30"), line(paracetamol, "P-3", "2028-04-30", "11"))));
        // a medicine delivered without its expiry date
        expect(422, () -> desk.receipts.receive(order.id, delivery("DN-4", line(paracetamol, "P-4", null, "10"))));
        // a batch that expired yesterday is not taken into stock
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        expect(422, () -> desk.receipts.receive(order.id, delivery("DN-4b", line(paracetamol, "P-OLD", yesterday, "10"))));
        // a line of another order
        PurchaseOrder other = sentOrder("AMOX500", "10");
        expect(422, () -> desk.receipts.receive(order.id, delivery("DN-5", line(other.lines.get(0).id, "A-1", "2028-01-31", "5"))));

        assertDecimal("60", desk.db.onHand("CENTRAL", "PARA500"));
        assertDecimal("0", desk.db.onHand("CENTRAL", "GAUZE"));
        assertEquals(1, receiptMovements().size());
        PurchaseOrder after = desk.orders.get(order.id);
        assertEquals("PARTIALLY_RECEIVED", after.status);
        assertEquals(1, after.receipts.size());
        assertDecimal("0", after.lines.get(1).quantityReceived);

        // what is exactly open is taken, the gauze without expiry too
        as("ph.mwangi", () -> desk.receipts.receive(order.id, delivery("DN-6",
                line(gauze, "G-9", null, "20"), line(paracetamol, "P-2", "2028-02-29", "30"), line(paracetamol, "P-3", "2028-04-30", "10"))));
        assertEquals("RECEIVED", desk.orders.get(order.id).status);
        assertDecimal("100", desk.db.onHand("CENTRAL", "PARA500"));
        assertDecimal("20", desk.db.onHand("CENTRAL", "GAUZE"));
        expect(409, () -> desk.receipts.receive(order.id, delivery("DN-7", line(gauze, "G-9", null, "1"))));
    }

    @Test
    public void aDraftIsEditedUntilSentAndCancelledOnlyBeforeAnyReceipt() {
        PurchaseOrder draft = as("ph.santos", () -> desk.orders.create(draft(supplierId, "CENTRAL", "PARA500", "100")));
        String line = draft.lines.get(0).id;
        expect(409, () -> desk.receipts.receive(draft.id, delivery("DN-1", line(line, "P-1", "2028-01-31", "10"))));

        OrderDraft edit = draft(null, null, "PARA500", "200", "AMOX500", "30");
        edit.note = "double paracetamol for the flu season";
        edit.version = draft.version;
        PurchaseOrder edited = as("ph.santos", () -> desk.orders.replace(draft.id, edit));
        assertEquals(2, edited.lines.size());
        assertDecimal("200", edited.lines.get(0).quantityOrdered);
        assertEquals("double paracetamol for the flu season", edited.note);
        // the same edit again from the old version: someone else changed it meanwhile
        expect(409, () -> desk.orders.replace(draft.id, edit));

        as("ph.santos", () -> desk.orders.send(draft.id));
        OrderDraft late = draft(null, null, "PARA500", "300");
        late.version = desk.orders.get(draft.id).version;
        expect(409, () -> desk.orders.replace(draft.id, late));
        expect(409, () -> desk.orders.send(draft.id));
        expect(400, () -> desk.orders.cancel(draft.id, " "));

        PurchaseOrder cancelled = as("ph.santos", () -> desk.orders.cancel(draft.id, "supplier out of stock"));
        assertEquals("CANCELLED", cancelled.status);
        assertEquals("supplier out of stock", cancelled.cancelReason);
        expect(409, () -> desk.orders.cancel(draft.id, "again"));
        expect(409, () -> desk.receipts.receive(draft.id, delivery("DN-2", line(edited.lines.get(0).id, "P-1", "2028-01-31", "10"))));

        PurchaseOrder started = sentOrder("AMOX500", "50");
        as("ph.mwangi", () -> desk.receipts.receive(started.id, delivery("DN-3", line(started.lines.get(0).id, "A-1", "2028-01-31", "10"))));
        expect(409, () -> desk.orders.cancel(started.id, "too late"));
        assertEquals("PARTIALLY_RECEIVED", desk.orders.get(started.id).status);

        assertEquals(1, desk.orders.list("CANCELLED", null, 0, 50).getTotal());
        assertEquals(2, desk.orders.list(null, supplierId, 0, 50).getTotal());
        expect(400, () -> desk.orders.list("LOST", null, 0, 50));
    }

    @Test
    public void aDraftMustNameAnActiveSupplierStoreAndItems() {
        expect(422, () -> desk.orders.create(draft("no-such-supplier", "CENTRAL", "PARA500", "10")));
        expect(422, () -> desk.orders.create(draft(supplierId, "NOWHERE", "PARA500", "10")));
        expect(422, () -> desk.orders.create(draft(supplierId, "CENTRAL", "UNKNOWN", "10")));
        expect(422, () -> desk.orders.create(draft(supplierId, "CENTRAL", "PARA500", "0")));
        expect(422, () -> desk.orders.create(draft(supplierId, "CENTRAL", "PARA500", "10", "PARA500", "5")));
        expect(422, () -> desk.orders.create(draft(supplierId, "CENTRAL")));
        expect(404, () -> desk.orders.get("PO-1999-00001"));
        // nothing was numbered by the refused drafts: the first real one is still number 1
        assertTrue(sentOrder("PARA500", "10").number.endsWith("-00001"));
    }

    @Test
    public void pharmacistsDraftingAtTheSameMomentGetDistinctNumbersWithoutGaps() throws Exception {
        int threads = 6;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = "ph.user" + t;
            Callable<List<String>> drafting = () -> {
                start.await();
                List<String> numbers = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    numbers.add(as(user, () -> desk.orders.create(draft(supplierId, "CENTRAL", "PARA500", "10"))).number);
                }
                return numbers;
            };
            futures.add(pool.submit(drafting));
        }
        start.countDown();
        Set<String> numbers = new TreeSet<>();
        for (Future<List<String>> f : futures) {
            numbers.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(threads * each, numbers.size());
        Set<Integer> sequence = new TreeSet<>();
        numbers.forEach(n -> sequence.add(Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))));
        for (int n = 1; n <= threads * each; n++) {
            assertTrue("number " + n + " missing from " + numbers, sequence.contains(n));
        }
        assertEquals(threads * each, desk.orders.list("DRAFT", null, 0, 200).getTotal());
    }

    @Test
    public void twoStorekeepersBookingTheSameDeliveryAtOnceCannotBothReceiveIt() throws Exception {
        PurchaseOrder order = sentOrder("PARA500", "100");
        String paracetamol = order.lines.get(0).id;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (String user : List.of("ph.mwangi", "ph.osei")) {
            Callable<Integer> booking = () -> {
                start.await();
                try {
                    as(user, () -> desk.receipts.receive(order.id, delivery("DN-77", line(paracetamol, "P-77", "2028-05-31", "60"))));
                    return 201;
                } catch (ProblemException e) {
                    return e.status();
                }
            };
            outcomes.add(pool.submit(booking));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : outcomes) {
            statuses.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        statuses.sort(null);
        // the order row is locked by the first booking: the second waits for it and finds only 40 still open
        assertEquals(List.of(201, 422), statuses);
        assertDecimal("60", desk.db.onHand("CENTRAL", "PARA500"));
        assertDecimal("60", desk.orders.get(order.id).lines.get(0).quantityReceived);
        assertEquals(1, receiptMovements().size());
    }

    @Test
    public void aReorderDraftTakesTheSuggestedQuantitiesAndNeedsASuggestion() {
        desk.suggested.add(new Suggestion("CENTRAL", "PARA500", "Paracetamol 500 mg tablet", "tablet",
                new BigDecimal("120"), new BigDecimal("500"), new BigDecimal("1000"), new BigDecimal("1400"), "2026-12-20"));
        desk.suggested.add(new Suggestion("CENTRAL", "AMOX500", "Amoxicillin 500 mg capsule", "capsule",
                new BigDecimal("10"), new BigDecimal("200"), new BigDecimal("300"), new BigDecimal("300"), "2026-12-09"));
        desk.suggested.add(new Suggestion("MAIN", "GAUZE", "Gauze swab 10x10 cm", "piece",
                new BigDecimal("5"), new BigDecimal("50"), new BigDecimal("100"), new BigDecimal("100"), null));

        FromSuggestions all = new FromSuggestions();
        all.supplierId = supplierId;
        all.storeCode = "CENTRAL";
        PurchaseOrder reorder = as("ph.santos", () -> desk.orders.fromSuggestions(all));
        assertEquals("DRAFT", reorder.status);
        assertEquals("REORDER", reorder.origin);
        assertEquals(List.of("PARA500", "AMOX500"), reorder.lines.stream().map(l -> l.itemCode).toList());
        assertDecimal("1400", reorder.lines.get(0).quantityOrdered);
        assertNull(reorder.lines.get(0).unitPrice);

        FromSuggestions some = new FromSuggestions();
        some.supplierId = supplierId;
        some.storeCode = "CENTRAL";
        some.itemCodes = List.of("AMOX500");
        assertEquals(List.of("AMOX500"), as("ph.santos", () -> desk.orders.fromSuggestions(some)).lines.stream()
                .map(l -> l.itemCode).toList());

        some.itemCodes = List.of("GAUZE");
        expect(422, () -> desk.orders.fromSuggestions(some));
        FromSuggestions ward = new FromSuggestions();
        ward.supplierId = supplierId;
        ward.storeCode = "WARD-A";
        expect(422, () -> desk.orders.fromSuggestions(ward));
    }

    private PurchaseOrder sentOrder(String... lines) {
        return as("ph.santos", () -> desk.orders.send(desk.orders.create(draft(supplierId, "CENTRAL", lines)).id));
    }

    private List<MovementEntity> receiptMovements() {
        return desk.db.jpa.call(em -> em.createQuery("SELECT m FROM MovementEntity m WHERE m.referenceType = 'GOODS_RECEIPT'"
                + " AND m.actor <> 'seed' ORDER BY m.atMs, m.id", MovementEntity.class).getResultList());
    }

    @Test
    public void aHalfWrittenOrderNamesEveryBrokenFieldAtOnceAndAChangeNeedsTheVersionRead() {
        OrderDraft rushed = draft(" ", null, "PARA500", "100", "", "20");
        rushed.lines.add(null);
        rushed.note = "Urgent before the weekend. ".repeat(40);
        ProblemException e = problem(() -> desk.orders.create(rushed));
        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(Map.of("field", "lines[1].itemCode", "message", "must not be blank"),
                Map.of("field", "lines[2]", "message", "is an empty line"),
                Map.of("field", "note", "message", "size must be between 0 and 1000"),
                Map.of("field", "storeCode", "message", "must not be blank"),
                Map.of("field", "supplierId", "message", "must not be blank")), e.extensions().get("violations"));
        assertEquals(0, as("ph.santos", () -> desk.orders.list(null, null, 0, 50)).getTotal());

        PurchaseOrder draft = as("ph.santos", () -> desk.orders.create(draft(supplierId, "CENTRAL", "PARA500", "100")));
        OrderDraft change = draft(null, null, "PARA500", "120"); // a PUT names neither supplier nor store
        assertEquals(List.of(Map.of("field", "version", "message", "must not be null")),
                problem(() -> desk.orders.replace(draft.id, change)).extensions().get("violations"));
        change.version = draft.version;
        assertDecimal("120", as("ph.santos", () -> desk.orders.replace(draft.id, change)).lines.get(0).quantityOrdered);
    }

    private static ProblemException problem(Runnable call) {
        try {
            as("ph.santos", () -> {
                call.run();
                return null;
            });
        } catch (ProblemException e) {
            return e;
        }
        fail("accepted");
        return null;
    }

    private static void expect(int status, Runnable call) {
        try {
            as("ph.santos", () -> {
                call.run();
                return null;
            });
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
        }
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(expected + " vs " + actual, 0, new BigDecimal(expected).compareTo(actual));
    }
}
