package org.pavilion.pharmacy.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.hl7.api.OutboundBuildException;
import org.pavilion.hl7.api.OutboundContext;
import org.pavilion.hl7.api.OutboundMessage;
import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionEntity;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;

/**
 * The pharmacy hands Ms Okafor's paracetamol and a ward patient's amoxicillin to the clinic's system as RDS^O13:
 * the dispense event becomes an {@link RdsDispense} (once, however often the bus delivers it) on the real change log
 * (H2, or PostgreSQL with -Dpavilion.test.postgres), which {@link RdsBuilder} writes and HAPI reads back as the
 * clinic's system would.
 */
public class RdsDispenseTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String MRN = "0000004711";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PharmacyDatabase db;
    private static final List<AuditEvent> AUDITED = new CopyOnWriteArrayList<>();

    /** What was published, as the bus would store it: type, subject and the payload's JSON. */
    record Published(String type, String subject, String json) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final EventPublisher bus = new EventPublisher() {
        @Override
        public String publish(EntityManager em, String eventType, Object payload) {
            return publish(em, eventType, null, payload);
        }

        @Override
        public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
            if (!em.getTransaction().isActive()) {
                throw new IllegalStateException("publish outside a transaction");
            }
            try {
                published.add(new Published(eventType, subjectKey, JSON.writeValueAsString(payload)));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
            return UUID.randomUUID().toString();
        }
    };

    @BeforeClass
    public static void database() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        prescription("CLINIC-CPOE:ORD-2001", "HL7", "PARA500", "Paracetamol 500 mg tablet", "PO", "CLINIC-CPOE",
                "ORD-2001");
        prescription("rx-emr-77", "EMR", "AMOX500", "amoxicillin 500 mg", null, null, null);
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    private static void prescription(String id, String source, String item, String drug, String route, String app,
            String placer) {
        db.jpa.run(em -> {
            PrescriptionEntity p = new PrescriptionEntity();
            p.setId(id);
            p.setSource(source);
            p.setPatientId(MRN);
            p.setDrug(drug);
            p.setItemCode(item);
            p.setDose("1000 mg");
            p.setRoute(route);
            p.setFrequency("TID");
            p.setQuantityPrescribed(new BigDecimal("20"));
            p.setQuantityDispensed(BigDecimal.ZERO);
            p.setStatus("PENDING");
            p.setPrescriber("D4410");
            p.setIssuedMs(System.currentTimeMillis());
            p.setReceivedMs(System.currentTimeMillis());
            p.setPlacerApplication(app);
            p.setPlacerOrderNumber(placer);
            em.persist(p);
        });
    }

    /** The dispensing part's event, as it publishes it: two batches, first expiry first. */
    static String dispensed(String dispenseId, String prescriptionId, String source, String item, String name,
            String quantity, String unit) throws Exception {
        MedicationDispensed e = new MedicationDispensed();
        e.dispenseId = dispenseId;
        e.prescriptionId = prescriptionId;
        e.source = source;
        e.patientId = MRN;
        e.itemCode = item;
        e.itemName = name;
        e.quantity = quantity;
        e.unit = unit;
        e.storeCode = "MAIN";
        e.complete = true;
        e.dispensedBy = "pharm.ade";
        e.dispensedAt = "2026-12-04T09:40:00Z";
        MedicationDispensed.BatchQuantity first = new MedicationDispensed.BatchQuantity();
        first.batchNumber = "PA-2611";
        first.expiryDate = "2027-01-31";
        first.quantity = "12";
        MedicationDispensed.BatchQuantity second = new MedicationDispensed.BatchQuantity();
        second.batchNumber = "PA-2703";
        second.expiryDate = "2027-03-31";
        second.quantity = "8";
        e.batches = List.of(first, second);
        return JSON.writeValueAsString(e);
    }

    static OutboundContext feed() {
        return new OutboundContext() {
            public String feed() { return "clinic"; }
            public String version() { return "2.5.1"; }
            public String sendingApplication() { return "PAVILION"; }
            public String sendingFacility() { return "HOSPITAL"; }
            public String receivingApplication() { return "CLINIC-CPOE"; }
            public String receivingFacility() { return "DIABETES-CLINIC"; }
            public String processingId() { return "P"; }
            public String characterSet() { return "UNICODE UTF-8"; }
            public String mrnAuthority() { return "PAV"; }
            public String controlId() { return "c0ffee0000000000aaaa"; }
            public Instant occurredAt() { return Instant.parse("2026-12-04T09:40:01Z"); }
            public ZoneId zone() { return BERLIN; }
        };
    }

    private static long handOvers(String dispenseId) {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(h) FROM RdsHandOverEntity h WHERE h.dispenseId = :d",
                Long.class).setParameter("d", dispenseId).getSingleResult());
    }

    private static Terser readBack(OutboundMessage m) throws Exception {
        Message parsed = new PipeParser().parse(m.text());
        assertEquals("2.5.1", parsed.getVersion());
        return new Terser(parsed);
    }

    @Test
    public void theClinicsPrescriptionGoesBackAsAnRdsNamingItsOrderAndBatchesAndOnlyOnce() throws Exception {
        DispenseHandOver handOver = new DispenseHandOver(db.emf, bus, AUDITED::add, true);
        String event = dispensed("d-2001", "CLINIC-CPOE:ORD-2001", "HL7", "PARA500", "Paracetamol 500 mg tablet",
                "20", "tablet");

        assertNotNull(handOver.onDispensed(event));
        assertNull("the bus delivered it again: nothing handed over twice", handOver.onDispensed(event));

        assertEquals(1, published.size());
        assertEquals(1, handOvers("d-2001"));
        Published p = published.get(0);
        assertEquals(RdsDispense.TYPE, p.type());
        assertEquals("ph-prescription:CLINIC-CPOE:ORD-2001", p.subject());
        assertTrue(AUDITED.stream().anyMatch(a -> "READ".equals(a.action()) && MRN.equals(a.patientId())
                && "CLINIC-CPOE:ORD-2001".equals(a.resourceId())));

        OutboundMessage rds = new RdsBuilder().build(p.type(), p.json(), feed()).orElseThrow();

        assertEquals("RDS^O13", rds.messageType());
        assertEquals(MRN, rds.subjectKey());
        Terser t = readBack(rds);
        assertEquals("RDS", t.get("MSH-9-1"));
        assertEquals("O13", t.get("MSH-9-2"));
        assertEquals("c0ffee0000000000aaaa", t.get("MSH-10"));
        assertEquals(MRN, t.get("/PATIENT/PID-3-1"));
        assertEquals("PAV", t.get("/PATIENT/PID-3-4"));
        assertEquals("RE", t.get("/ORDER/ORC-1"));
        assertEquals("the clinic's own order number", "ORD-2001", t.get("/ORDER/ORC-2-1"));
        assertEquals("CLINIC-CPOE", t.get("/ORDER/ORC-2-2"));
        assertEquals("CLINIC-CPOE:ORD-2001", t.get("/ORDER/ORC-3-1"));
        assertEquals("CM", t.get("/ORDER/ORC-5"));
        assertEquals("PARA500", t.get("/ORDER/RXD-2-1"));
        assertEquals("Paracetamol 500 mg tablet", t.get("/ORDER/RXD-2-2"));
        assertEquals("20261204104000+0100", t.get("/ORDER/RXD-3"));
        assertEquals("20", t.get("/ORDER/RXD-4"));
        assertEquals("tablet", t.get("/ORDER/RXD-5-1"));
        assertEquals("CLINIC-CPOE:ORD-2001", t.get("/ORDER/RXD-7"));
        assertEquals("pharm.ade", t.get("/ORDER/RXD-10-1"));
        assertEquals("PA-2611", t.get("/ORDER/RXD-18(0)"));
        assertEquals("PA-2703", t.get("/ORDER/RXD-18(1)"));
        assertEquals("20270131", t.get("/ORDER/RXD-19(0)"));
        assertEquals("20270331", t.get("/ORDER/RXD-19(1)"));
        assertEquals("PO", t.get("/ORDER/RXR-1-1"));
    }

    @Test
    public void anEmrPrescriptionHasNoPlacerNumberAndNoRouteSegmentWhenNoneWasGiven() throws Exception {
        DispenseHandOver handOver = new DispenseHandOver(db.emf, bus, AUDITED::add, true);
        handOver.onDispensed(dispensed("d-2002", "rx-emr-77", "EMR", "AMOX500", "Amoxicillin 500 mg capsule", "21",
                "capsule"));

        OutboundMessage rds = new RdsBuilder().build(RdsDispense.TYPE, published.get(0).json(), feed()).orElseThrow();

        Terser t = readBack(rds);
        assertNull(t.get("/ORDER/ORC-2-1"));
        assertEquals("rx-emr-77", t.get("/ORDER/ORC-3-1"));
        assertEquals("AMOX500", t.get("/ORDER/RXD-2-1"));
        assertEquals("21", t.get("/ORDER/RXD-4"));
        assertTrue(rds.text(), !rds.text().contains("\rRXR|"));
    }

    @Test
    public void withSendingOffOrARedactedEventNothingIsHandedOver() throws Exception {
        DispenseHandOver off = new DispenseHandOver(db.emf, bus, AUDITED::add, false);
        assertNull(off.onDispensed(dispensed("d-2003", "rx-emr-77", "EMR", "AMOX500", null, "7", "capsule")));
        assertEquals(0, handOvers("d-2003"));

        DispenseHandOver on = new DispenseHandOver(db.emf, bus, AUDITED::add, true);
        assertNull(on.onDispensed("{\"redacted\": true, \"reason\": \"GDPR erasure\"}"));
        assertTrue(published.isEmpty());
    }

    @Test
    public void aLotNumberWithDelimitersIsEscapedAndReadsBackAsSent() throws Exception {
        RdsDispense d = new RdsDispense();
        d.prescriptionId = "rx-emr-78";
        d.patientId = MRN;
        d.itemCode = "GAUZE";
        d.quantity = "5";
        RdsDispense.Batch b = new RdsDispense.Batch();
        b.batchNumber = "G|7^A";
        d.batches = List.of(b);

        OutboundMessage rds = new RdsBuilder().build(RdsDispense.TYPE, JSON.writeValueAsString(d), feed())
                .orElseThrow();

        Terser t = readBack(rds);
        assertEquals("G|7^A", t.get("/ORDER/RXD-18(0)"));
        assertNull("a supply has no expiry", t.get("/ORDER/RXD-19(0)"));
    }

    @Test
    public void aPayloadWithoutPatientOrOfAnotherTypeIsNoMessage() {
        RdsBuilder builder = new RdsBuilder();
        assertThrows(OutboundBuildException.class, () -> builder.build(RdsDispense.TYPE,
                "{\"prescriptionId\": \"x\", \"itemCode\": \"PARA500\", \"quantity\": \"1\"}", feed()));
        assertThrows(OutboundBuildException.class, () -> builder.build("MedicationDispensed", "{}", feed()));
        assertThrows(OutboundBuildException.class, () -> builder.build(RdsDispense.TYPE, "not json", feed()));
    }
}
