package org.pavilion.lab.internal.order;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.lab.internal.order.Ward.HOUSE;
import static org.pavilion.lab.internal.order.Ward.NURSE;
import static org.pavilion.lab.internal.order.Ward.TECH;
import static org.pavilion.lab.internal.order.Ward.as;

import java.time.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.api.LabOrderPlaced;
import org.pavilion.lab.api.SpecimenCollected;
import org.pavilion.lab.internal.RecordingEvents;
import org.pavilion.lab.internal.order.OrderViews.OrderDto;
import org.pavilion.lab.internal.order.OrderViews.SpecimenDto;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * A morning on the ward and in the lab: Dr House orders a CBC, a BMP and a potassium for Mrs Hudson (the potassium
 * once), nurse Joy collects the two tubes, the lab receives them, rejects a haemolysed one, cancels what is not
 * resulted, and refuses nonsense with 4xx problems.
 */
public class OrderingDayTest extends WardDay {

    @Test
    public void panelsExpandDuplicatesCollapseAndTubesFollowTheSpecimenType() throws Exception {
        int published = ward.published.size();
        OrderDto o = ward.place("MRN-HUDSON", "urgent", "CBC", "bmp", "K", "K");
        int year = Instant.ofEpochMilli(ward.now.get()).atZone(ZoneId.systemDefault()).getYear();
        assertTrue(o.orderNumber, o.orderNumber.matches("LAB-" + year + "-[0-9]+"));
        long n = Long.parseLong(o.orderNumber.substring(o.orderNumber.lastIndexOf('-') + 1));
        assertEquals("URGENT", o.priority);
        assertEquals("dr.house", o.orderingDoctor);
        assertEquals("ACTIVE", o.status);
        assertEquals(List.of("HB", "WBC", "PLT", "HCT", "NA", "K", "CL", "CREA", "GLU"),
                o.items.stream().map(i -> i.testCode).toList());
        assertEquals("BMP", o.items.stream().filter(i -> i.testCode.equals("K")).findFirst().get().panelCode);
        assertEquals(2, o.specimens.size());
        assertEquals(List.of("BLOOD", "SERUM"), o.specimens.stream().map(s -> s.specimenType).toList());
        for (SpecimenDto s : o.specimens) {
            assertTrue(s.id, SpecimenIds.valid(s.id));
            assertEquals("ORDERED", s.status);
        }
        assertEquals(List.of("HB", "WBC", "PLT", "HCT"), o.specimens.get(0).testCodes);
        assertTrue(o.items.stream().allMatch(i -> "ORDERED".equals(i.status) && i.result == null));

        assertEquals(published + 1, ward.published.size());
        RecordingEvents.Published p = ward.published.get(published);
        assertEquals(LabOrderPlaced.TYPE, p.type());
        assertEquals("lab-order:" + o.id, p.subjectKey());
        LabOrderPlaced e = (LabOrderPlaced) p.payload();
        assertEquals(9, e.tests.size());
        assertEquals("MRN-HUDSON", e.patientId);
        assertEquals("2345-7", e.tests.stream().filter(t -> t.testCode.equals("GLU")).findFirst().get().loinc);
        // the order, two tubes and nine tests each have their history row
        long history = ward.db.jpa.call(em -> em.createQuery("SELECT COUNT(h) FROM OrderHistoryEntity h "
                + "WHERE h.orderId = :o", Long.class).setParameter("o", o.id).getSingleResult());
        assertEquals(12, history);
        assertEquals("CREATE", ward.audited.get(ward.audited.size() - 1).action());
        assertEquals("MRN-HUDSON", ward.audited.get(ward.audited.size() - 1).patientId());

        OrderDto second = ward.place("MRN-WATSON", null, "TSH");
        assertEquals("LAB-" + year + "-" + (n + 1), second.orderNumber);
        assertEquals("ROUTINE", second.priority);
        assertEquals(o.id, as(NURSE, () -> ward.orders.get(o.orderNumber)).id);
        assertEquals(1, as(HOUSE, () -> ward.orders.list("MRN-WATSON", null, 0, 10)).getTotal());
        assertEquals(List.of(o.id), as(HOUSE, () -> ward.orders.list("MRN-HUDSON", "active", 0, 10)).getItems()
                .stream().map(x -> x.id).toList());
    }

    @Test
    public void nonsenseIsRefusedAndNothingIsWritten() throws Exception {
        int published = ward.published.size();
        expect(422, "unknown test XYZ", () -> ward.place("MRN-1", "ROUTINE", "HB", "XYZ"));
        expect(422, "at least one", () -> ward.place("MRN-1", "ROUTINE"));
        expect(422, "priority", () -> ward.place("MRN-1", "WHENEVER", "HB"));
        ward.db.jpa.run(em -> em.find(org.pavilion.lab.internal.catalogue.LabTestEntity.class, "TSH")
                .setActive(false));
        ward.catalogue.invalidate();
        expect(422, "no longer offered", () -> ward.place("MRN-1", "ROUTINE", "TSH"));
        expect(400, "patientId", () -> ward.place(" ", "ROUTINE", "HB"));
        expect(404, "Order", () -> as(HOUSE, () -> ward.orders.get("LAB-1999-1")));
        expect(404, "Specimen", () -> as(NURSE, () -> ward.specimens.collect("S0000000006")));
        expect(400, "check digit", () -> as(NURSE, () -> ward.specimens.collect("S0000000002")));
        long orders = ward.db.jpa.call(em -> em.createQuery("SELECT COUNT(o) FROM LabOrderEntity o "
                + "WHERE o.patientId = 'MRN-1'", Long.class).getSingleResult());
        assertEquals(0, orders);
        assertEquals(published, ward.published.size());
        ward.db.jpa.run(em -> em.find(org.pavilion.lab.internal.catalogue.LabTestEntity.class, "TSH")
                .setActive(true));
        ward.catalogue.invalidate();
    }

    @Test
    public void tubesAreCollectedReceivedOrRejectedAndTheOrderCompletes() throws Exception {
        OrderDto o = ward.place("MRN-ADLER", "STAT", "CBC", "UCULT");
        SpecimenDto blood = o.specimens.get(0);
        SpecimenDto urine = o.specimens.get(1);
        assertEquals("URINE", urine.specimenType);

        expect(409, "must be collected", () -> as(TECH, () -> ward.specimens.receive(blood.id)));
        ward.minutesPass(10);
        SpecimenDto collected = as(NURSE, () -> ward.specimens.collect(blood.id));
        assertEquals("COLLECTED", collected.status);
        assertEquals("nurse.joy", collected.collectedBy);
        SpecimenCollected e = (SpecimenCollected) ward.published.get(ward.published.size() - 1).payload();
        assertEquals(blood.id, e.specimenId);
        assertEquals(List.of("HB", "WBC", "PLT", "HCT"), e.testCodes);
        expect(409, "is collected", () -> as(NURSE, () -> ward.specimens.collect(blood.id)));

        SpecimenDto received = as(TECH, () -> ward.specimens.receive(blood.id));
        assertEquals("RECEIVED", received.status);
        assertEquals("tech.curie", received.receivedBy);
        OrderDto now = as(TECH, () -> ward.orders.get(o.id));
        assertEquals(List.of("RECEIVED"), now.items.stream().filter(i -> i.specimenId.equals(blood.id))
                .map(i -> i.status).distinct().toList());

        expect(400, "reason", () -> as(TECH, () -> ward.specimens.reject(urine.id, " ")));
        as(NURSE, () -> ward.specimens.collect(urine.id));
        SpecimenDto rejected = as(TECH, () -> ward.specimens.reject(urine.id, "leaking container"));
        assertEquals("REJECTED", rejected.status);
        assertEquals("leaking container", rejected.rejectedReason);
        OrderDto after = as(TECH, () -> ward.orders.get(o.id));
        assertEquals("leaking container", after.items.stream().filter(i -> i.testCode.equals("UCULT")).findFirst()
                .get().rejectReason);
        assertEquals("ACTIVE", after.status);

        // the blood tube turns out clotted: nothing is left open, the order is complete
        as(TECH, () -> ward.specimens.reject(blood.id, "clotted"));
        assertEquals("COMPLETED", as(TECH, () -> ward.orders.get(o.id)).status);
        List<String> history = ward.db.jpa.call(em -> em.createQuery("SELECT h.status FROM OrderHistoryEntity h "
                + "WHERE h.orderId = :o AND h.targetId IS NULL ORDER BY h.atMs, h.status DESC", String.class)
                .setParameter("o", o.id).getResultList());
        assertEquals(List.of("PLACED", "COMPLETED"), history);
    }

    @Test
    public void anOrderIsCancelledUntilSomethingIsResulted() throws Exception {
        OrderDto o = ward.place("MRN-BAKER", "ROUTINE", "K", "TSH");
        expect(400, "reason", () -> as(HOUSE, () -> ward.orders.cancel(o.id, null)));
        OrderDto cancelled = as(HOUSE, () -> ward.orders.cancel(o.orderNumber, "duplicate of this morning's"));
        assertEquals("CANCELLED", cancelled.status);
        assertEquals("duplicate of this morning's", cancelled.cancelReason);
        assertTrue(cancelled.items.stream().allMatch(i -> "CANCELLED".equals(i.status)));
        expect(409, "cancelled", () -> as(NURSE, () -> ward.specimens.collect(o.specimens.get(0).id)));

        OrderDto resulted = ward.place("MRN-BAKER", "ROUTINE", "K", "NA");
        String kItem = resulted.items.stream().filter(i -> i.testCode.equals("K")).findFirst().get().id;
        ward.db.jpa.run(em -> {
            em.find(OrderItemEntity.class, kItem).setStatus("RESULTED");
            ResultEntity r = new ResultEntity();
            r.setId(java.util.UUID.randomUUID().toString());
            r.setItemId(kItem);
            r.setOrderId(resulted.id);
            r.setPatientId("MRN-BAKER");
            r.setTestCode("K");
            r.setValueText("4.2");
            r.setValueNum(new java.math.BigDecimal("4.2"));
            r.setUnit("mmol/L");
            r.setFlag("N");
            r.setSource("MANUAL");
            r.setStatus("ENTERED");
            r.setEnteredMs(ward.now.get());
            r.setEnteredBy("tech.curie");
            r.setObservedMs(ward.now.get());
            em.persist(r);
        });
        expect(409, "K already resulted", () -> as(HOUSE, () -> ward.orders.cancel(resulted.id, "not needed")));
        OrderDto shown = as(HOUSE, () -> ward.orders.get(resulted.id));
        OrderViews.ItemDto k = shown.items.stream().filter(i -> i.testCode.equals("K")).findFirst().get();
        assertEquals("4.2", k.result.value);
        assertEquals(resulted.orderNumber, k.result.orderNumber);
        assertEquals("Potassium", k.result.testName);
        assertNull(shown.items.stream().filter(i -> i.testCode.equals("NA")).findFirst().get().result);
        expect(409, "K already resulted", () -> as(TECH, () -> ward.specimens.reject(k.specimenId, "haemolysed")));
    }

    @Test
    public void theRestResourcesPassBodiesThroughAndRefuseMissingOnes() throws Exception {
        // (no JAX-RS runtime on the test class path: Response-building methods are covered through their services)
        OrderResource rest = new OrderResource(ward.orders);
        OrderDto o = ward.place("MRN-REST", "ROUTINE", "HCG");
        expect(400, "body", () -> as(HOUSE, () -> rest.place(null)));
        expect(400, "reason", () -> as(HOUSE, () -> rest.cancel(o.id, null)));
        assertEquals(o.orderNumber, as(HOUSE, () -> rest.get(o.orderNumber)).orderNumber);
        assertEquals(1, as(HOUSE, () -> rest.list("MRN-REST", null, 0, 50)).getTotal());
        expect(400, "size", () -> as(HOUSE, () -> rest.list("MRN-REST", null, 0, 500)));
        SpecimenResource tubes = new SpecimenResource(ward.specimens);
        expect(400, "reason", () -> as(TECH, () -> tubes.reject(o.specimens.get(0).id, null)));
        assertEquals("COLLECTED", as(NURSE, () -> tubes.collect(o.specimens.get(0).id)).status);
        assertEquals("RECEIVED", as(TECH, () -> tubes.receive(o.specimens.get(0).id)).status);
        ItemResource items = new ItemResource(ward.worklist, null);
        assertEquals("IN_PROGRESS", as(TECH, () -> items.start(o.items.get(0).id)).status);
        WorklistResource bench = new WorklistResource(ward.worklist);
        assertTrue(as(TECH, () -> bench.list("IN_PROGRESS", null, 0, 50)).getItems().stream()
                .anyMatch(e -> e.orderId.equals(o.id) && "HCG".equals(e.testCode) && "CODED".equals(e.resultType)));
    }

    @Test
    public void aPatientAccountSeesItsOwnOrdersOnly() throws Exception {
        ward.place("MRN-MORSTAN", "ROUTINE", "TSH");
        ward.place("MRN-LESTRADE", "ROUTINE", "TSH");
        var mary = Ward.caller("mary.morstan", java.util.Set.of("lab.result.own"), "MRN-MORSTAN");
        assertEquals(1, as(mary, () -> ward.orders.list("MRN-MORSTAN", null, 0, 10)).getTotal());
        expect(403, "own", () -> as(mary, () -> ward.orders.list("MRN-LESTRADE", null, 0, 10)));
    }

    @Test
    public void anOrderWithoutPatientAndWithAnOverlongNoteNamesBothFieldsAtOnce() throws Exception {
        int published = ward.published.size();
        OrderBodies.Placement p = new OrderBodies.Placement();
        p.patientId = "";
        p.clinicalNote = "Fever since Tuesday. ".repeat(100);
        p.tests = List.of("HB");
        try {
            as(HOUSE, () -> ward.orders.place(p));
            fail("expected 400");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("urn:pavilion:problem:validation", e.type());
            assertEquals(List.of(java.util.Map.of("field", "clinicalNote", "message", "size must be between 0 and 2000"),
                    java.util.Map.of("field", "patientId", "message", "must not be blank")),
                    e.extensions().get("violations"));
        }
        assertEquals(published, ward.published.size());
    }

    static void expect(int status, String detailPart, Callable<?> work) throws Exception {
        try {
            work.call();
            fail("expected " + status + " (" + detailPart + ")");
        } catch (ProblemException p) {
            assertEquals(p.getMessage(), status, p.status());
            assertTrue(p.getMessage() + " should mention " + detailPart, p.getMessage().contains(detailPart));
        }
    }
}
