package org.pavilion.billing.internal.charges;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.model.RouteDefinition;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.pharmacy.api.MedicationReturned;
import org.pavilion.scheduling.api.AppointmentCompleted;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ms Okafor's day reaches billing as the departments' events, each delivered at least once: her visit with
 * Dr Hartmann, her blood count, the paracetamol handed over at the pharmacy and the tablets she brought back. Every
 * event is charged once, also delivered twice or by two consumers at the same moment; what has no price is parked
 * with its payload, then posted by billing staff with a corrected code. The events are the departments' own api
 * classes serialised as their publishers do.
 */
public class ChargeEventsTest {

    static final String MRN = "0000004711";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BillingDatabase db;
    private final TablePriceList prices = new TablePriceList()
            .consultationFee("CONS-HARTMANN", "Consultation Dr Hartmann", "60.00", "dr.hartmann", null, null)
            .consultationFee("CONS-GP", "General practice consultation", "45.00", null, "GENERAL", null)
            .price("TELECONSULTATION", "Video consultation", "CONSULTATION", "40.00", "EXEMPT", "0")
            .price("LAB-HB", "Haemoglobin", "LAB_TEST", "6.50", "EXEMPT", "0")
            .price("LAB-CBC", "Complete blood count", "LAB_TEST", "12.00", "EXEMPT", "0")
            .price("PH-PARA500", "Paracetamol 500 mg tablet", "MEDICINE", "0.1500", "REDUCED", "0.055");
    private final RecordingAudit audit = new RecordingAudit();
    private ChargeService charges;
    private ChargeEventRoutes routes;

    @BeforeClass
    public static void database() throws Exception {
        db = new BillingDatabase();
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    @Before
    public void billing() {
        charges = new ChargeService(db.emf, prices, audit, null, ChargeDeskTest.BERLIN,
                TestConstraints.platform());
        routes = new ChargeEventRoutes(charges, Configs.billing(Map.of()));
    }

    @After
    public void clear() {
        CallerContext.clear();
    }

    static String appointment(String id, String doctor, String specialty) throws Exception {
        AppointmentCompleted e = new AppointmentCompleted();
        e.appointmentId = id;
        e.patientId = MRN;
        e.doctorId = doctor;
        e.doctorName = "Dr Hartmann";
        e.specialty = specialty;
        e.serviceCode = "FOLLOW-UP";
        e.visitType = "IN_PERSON";
        e.start = "2026-12-07T08:30:00Z";
        e.localStart = "2026-12-07T09:30";
        e.zone = "Europe/Berlin";
        e.completedAt = "2026-12-07T09:05:00Z";
        e.encounterId = "ENC-" + id;
        e.channel = "DESK";
        return JSON.writeValueAsString(e);
    }

    /** Scheduling's completion of a video visit: the same as at the desk, visit type VIDEO. */
    static String videoAppointment(String id) throws Exception {
        AppointmentCompleted e = JSON.readValue(appointment(id, "dr.hartmann", "GENERAL"), AppointmentCompleted.class);
        e.visitType = "VIDEO";
        e.channel = "PORTAL";
        return JSON.writeValueAsString(e);
    }

    /**
     * Telemedicine's {@code ConsultationEnded} as it publishes it (built as JSON: billing has no telemedicine class);
     * {@code startedAt} null for a room nobody was admitted to.
     */
    static String consultationEnded(String id, String appointmentId, String startedAt, long seconds)
            throws Exception {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("consultationId", id);
        e.put("appointmentId", appointmentId);
        e.put("patientId", MRN);
        e.put("doctorId", "dr.hartmann");
        e.put("host", "hartmann");
        e.put("startedAt", startedAt);
        e.put("endedAt", "2026-12-07T23:40:00Z");
        e.put("durationSeconds", seconds);
        return JSON.writeValueAsString(e);
    }

    static String labTest(String itemId, String priceReference) throws Exception {
        LabTestCompleted e = new LabTestCompleted();
        e.orderId = "ORD-1";
        e.orderNumber = "L-2026-0001";
        e.patientId = MRN;
        e.encounterId = "ENC-LAB";
        e.itemId = itemId;
        e.testCode = "HB";
        e.testName = "Haemoglobin";
        e.priceReference = priceReference;
        e.completedAt = "2026-12-07T23:30:00Z"; // already the 8th in Berlin
        return JSON.writeValueAsString(e);
    }

    static String dispensed(String dispenseId, String quantity) throws Exception {
        MedicationDispensed e = new MedicationDispensed();
        e.dispenseId = dispenseId;
        e.prescriptionId = "RX-1";
        e.source = "EMR";
        e.patientId = MRN;
        e.encounterId = "ENC-PHARM";
        e.itemCode = "PARA500";
        e.itemName = "Paracetamol 500 mg tablet";
        e.atcCode = "N02BE01";
        e.quantity = quantity;
        e.unit = "tablet";
        e.priceReference = "PH-PARA500";
        e.dispensedAt = "2026-12-07T10:00:00Z";
        return JSON.writeValueAsString(e);
    }

    static String returned(String returnId, String dispenseId, String quantity) throws Exception {
        MedicationReturned e = new MedicationReturned();
        e.returnId = returnId;
        e.dispenseId = dispenseId;
        e.patientId = MRN;
        e.itemCode = "PARA500";
        e.quantity = quantity;
        e.priceReference = "PH-PARA500";
        e.reason = "not needed";
        e.returnedAt = "2026-12-09T10:00:00Z";
        return JSON.writeValueAsString(e);
    }

    private static long chargesOf(String sourceType, String sourceId) {
        return db.jpa.call(em -> ChargeQueries.count(em, sourceType, sourceId));
    }

    private static ChargeEntity chargeOf(String sourceType, String sourceId) {
        return db.jpa.call(em -> ChargeRows.charged(em, sourceType, sourceId));
    }

    private static ParkedChargeEntity parkedOf(String sourceType, String sourceId) {
        return db.jpa.call(em -> ChargeRows.parked(em, sourceType, sourceId));
    }

    @Test
    public void subscribesOncePerDepartmentToItsBillableEvents() throws Exception {
        routes.configure();
        List<RouteDefinition> defined = routes.getRouteCollection().getRoutes();
        assertEquals(4, defined.size());
        assertEquals("pavilion-event:billing-appointments?types=AppointmentCompleted",
                defined.get(0).getInput().getEndpointUri());
        assertEquals("pavilion-event:billing-lab-tests?types=LabTestCompleted",
                defined.get(1).getInput().getEndpointUri());
        assertEquals("pavilion-event:billing-dispenses?types=MedicationDispensed,MedicationReturned",
                defined.get(2).getInput().getEndpointUri());
        assertEquals("pavilion-event:billing-teleconsultations?types=ConsultationEnded",
                defined.get(3).getInput().getEndpointUri());
    }

    @Test
    public void herEveningVideoConsultationIsChargedOnceWhenItEndsAndNotAgainWhenTheVisitIsCompleted()
            throws Exception {
        CallerContext.bind(Caller.inContainer("events:billing-teleconsultations", java.util.Set.of(), "local"));
        // admitted at 23:25 UTC: already the 8th in Berlin, the day of the visit
        String ended = consultationEnded("TC-1", "APT-VIDEO-1", "2026-12-07T23:25:10Z", 890);
        Filed first = routes.onEvent("ConsultationEnded", ended);
        Filed redelivered = routes.onEvent("ConsultationEnded", ended);

        assertTrue(first.fresh());
        assertFalse(redelivered.fresh());
        assertEquals(first.charge().getId(), redelivered.charge().getId());
        ChargeEntity c = chargeOf("TELECONSULTATION", "TC-1");
        assertEquals(MRN, c.getPatientId());
        assertEquals("TELECONSULTATION", c.getPriceCode());
        assertEquals(0, c.getUnitPrice().compareTo(new java.math.BigDecimal("40.00")));
        assertEquals(0, c.getQuantity().compareTo(java.math.BigDecimal.ONE));
        assertEquals("dr.hartmann", c.getDoctorId());
        assertEquals("CONSULTATIONS", c.getDepartment());
        assertEquals("2026-12-08", c.getServiceDate());
        assertEquals("video consultation, 15 min", c.getNote());
        assertEquals("events:billing-teleconsultations", c.getPostedBy());

        // the doctor then completes the video appointment in scheduling: the visit is charged already
        assertNull(routes.onEvent(AppointmentCompleted.TYPE, videoAppointment("APT-VIDEO-1")));
        assertEquals(0, chargesOf("APPOINTMENT", "APT-VIDEO-1"));
        // and the other way round: completed first, ended later, still the one charge
        assertNull(routes.onEvent(AppointmentCompleted.TYPE, videoAppointment("APT-VIDEO-2")));
        assertTrue(routes.onEvent("ConsultationEnded", consultationEnded("TC-2", "APT-VIDEO-2",
                "2026-12-07T10:00:00Z", 600)).fresh());
        assertEquals(0, chargesOf("APPOINTMENT", "APT-VIDEO-2"));
        assertEquals(1, chargesOf("TELECONSULTATION", "TC-2"));
        // her in-person visit the same day is charged by scheduling as before
        assertTrue(routes.onEvent(AppointmentCompleted.TYPE, appointment("APT-DESK-1", "dr.hartmann", "GENERAL"))
                .fresh());
    }

    @Test
    public void fourConsumersTakingTheSameEndedConsultationAtOnceMakeOneCharge() throws Exception {
        String ended = consultationEnded("TC-RACE", "APT-VIDEO-RACE", "2026-12-07T11:00:00Z", 1200);
        assertEquals(1, race(4, () -> routes.onEvent("ConsultationEnded", ended)));
        assertEquals(1, chargesOf("TELECONSULTATION", "TC-RACE"));
    }

    @Test
    public void aRoomNobodyWasAdmittedToIsNotChargedAndAnEndWithoutItsIdIsRetried() throws Exception {
        assertNull(routes.onEvent("ConsultationEnded", consultationEnded("TC-EMPTY", "APT-VIDEO-3", null, 0)));
        assertEquals(0, chargesOf("TELECONSULTATION", "TC-EMPTY"));
        assertNull(parkedOf("TELECONSULTATION", "TC-EMPTY"));
        assertTrue(org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> routes.onEvent(
                "ConsultationEnded", consultationEnded(null, "APT-VIDEO-4", "2026-12-07T11:00:00Z", 60)))
                .getMessage().contains("consultationId"));
    }

    @Test
    public void aHospitalChargingVideoVisitsByTheAppointmentOrAtAnUnpricedCode() throws Exception {
        ChargeEventRoutes byAppointment = new ChargeEventRoutes(charges, Configs.billing(Map.of(
                "chargeTeleconsultations", false)));
        assertNull(byAppointment.onEvent("ConsultationEnded", consultationEnded("TC-OFF", "APT-VIDEO-OFF",
                "2026-12-07T11:00:00Z", 60)));
        assertEquals(0, chargesOf("TELECONSULTATION", "TC-OFF"));
        assertEquals("CONS-HARTMANN", byAppointment.onEvent(AppointmentCompleted.TYPE,
                videoAppointment("APT-VIDEO-OFF")).charge().getPriceCode());

        // a hospital without telemedicine: nothing would charge the video visit but its appointment
        ChargeEventRoutes noTelemedicine = new ChargeEventRoutes(charges, Configs.billing(Map.of()), () -> false);
        assertEquals("CONS-HARTMANN", noTelemedicine.onEvent(AppointmentCompleted.TYPE,
                videoAppointment("APT-VIDEO-NOTELE")).charge().getPriceCode());

        // a code the price list does not have yet: parked with the event, posted once priced
        ChargeEventRoutes newCode = new ChargeEventRoutes(charges, Configs.billing(Map.of(
                "teleconsultationCode", "TELE-LONG")));
        Filed parked = newCode.onEvent("ConsultationEnded", consultationEnded("TC-LONG", "APT-VIDEO-5",
                "2026-12-07T11:00:00Z", 3600));
        assertFalse(parked.isCharged());
        assertTrue(parked.parked().getReason().contains("TELE-LONG"));
        assertEquals("TELE-LONG", parked.parked().getPriceCode());
        prices.price("TELE-LONG", "Video consultation, long", "CONSULTATION", "70.00", "EXEMPT", "0");
        assertTrue(newCode.onEvent("ConsultationEnded", consultationEnded("TC-LONG", "APT-VIDEO-5",
                "2026-12-07T11:00:00Z", 3600)).isCharged());
        assertEquals(ChargeRows.POSTED, parkedOf("TELECONSULTATION", "TC-LONG").getStatus());
    }

    @Test
    public void theVisitIsChargedOnceAtTheDoctorsFeeEvenDeliveredTwice() throws Exception {
        CallerContext.bind(Caller.inContainer("events:billing-appointments", java.util.Set.of(), "local"));
        String event = appointment("APT-100", "dr.hartmann", "GENERAL");
        Filed first = routes.onEvent(AppointmentCompleted.TYPE, event);
        Filed again = routes.onEvent(AppointmentCompleted.TYPE, event);

        assertTrue(first.fresh());
        assertFalse(again.fresh());
        assertEquals(first.charge().getId(), again.charge().getId());
        ChargeEntity c = chargeOf("APPOINTMENT", "APT-100");
        assertEquals("CONS-HARTMANN", c.getPriceCode());
        assertEquals("dr.hartmann", c.getDoctorId());
        assertEquals("ENC-APT-100", c.getEncounterId());
        assertEquals("2026-12-07", c.getServiceDate());
        assertEquals("CONSULTATIONS", c.getDepartment());
        assertEquals(0, c.getQuantity().compareTo(java.math.BigDecimal.ONE));
        assertEquals("events:billing-appointments", c.getPostedBy());
        assertEquals(1, audit.count("CREATE", MRN));

        // another doctor of general practice: the specialty's fee
        routes.onEvent(AppointmentCompleted.TYPE, appointment("APT-101", "dr.new", "GENERAL"));
        assertEquals("CONS-GP", chargeOf("APPOINTMENT", "APT-101").getPriceCode());
    }

    @Test
    public void eightConsumersTakingTheSameEventAtOnceMakeOneChargeAndAllSucceed() throws Exception {
        String visit = appointment("APT-200", "dr.hartmann", "GENERAL");
        String unpriced = labTest("ITEM-RACE-UNPRICED", "LAB-NOT-IN-LIST");
        assertEquals(1, race(8, () -> routes.onEvent(AppointmentCompleted.TYPE, visit)));
        assertEquals(1, chargesOf("APPOINTMENT", "APT-200"));
        assertEquals(1, race(8, () -> routes.onEvent(LabTestCompleted.TYPE, unpriced)));
        assertEquals(0, chargesOf("LAB", "ITEM-RACE-UNPRICED"));
        assertEquals(1L, (long) db.jpa.call(em -> em.createQuery("SELECT COUNT(p) FROM ParkedChargeEntity p WHERE "
                + "p.sourceId = 'ITEM-RACE-UNPRICED'", Long.class).getSingleResult()));
    }

    /** Runs {@code n} deliveries of one event at the same moment; all succeed; returns how many filed it fresh. */
    private static int race(int n, Callable<Filed> delivery) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Filed>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return delivery.call();
                }));
            }
            int fresh = 0;
            String id = null;
            for (Future<Filed> f : done) {
                Filed filed = f.get(60, TimeUnit.SECONDS);
                fresh += filed.fresh() ? 1 : 0;
                String mine = filed.isCharged() ? filed.charge().getId() : filed.parked().getId();
                if (id != null) {
                    assertEquals("every delivery answers the one row", id, mine);
                }
                id = mine;
            }
            return fresh;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void theBloodCountIsChargedOnTheLabsDayAndAnUnpricedTestParkedThenPostedWithTheRightCode()
            throws Exception {
        routes.onEvent(LabTestCompleted.TYPE, labTest("ITEM-HB-1", "LAB-HB"));
        ChargeEntity hb = chargeOf("LAB", "ITEM-HB-1");
        assertEquals("LAB-HB", hb.getPriceCode());
        assertEquals("LABORATORY", hb.getDepartment());
        assertEquals("2026-12-08", hb.getServiceDate());
        assertEquals("ENC-LAB", hb.getEncounterId());

        String misnamed = labTest("ITEM-CBC-1", "LAB-BLOODCOUNT");
        Filed parked = routes.onEvent(LabTestCompleted.TYPE, misnamed);
        assertFalse(parked.isCharged());
        ParkedChargeEntity p = parkedOf("LAB", "ITEM-CBC-1");
        assertEquals("PARKED", p.getStatus());
        assertEquals("LAB-BLOODCOUNT", p.getPriceCode());
        assertEquals(MRN, p.getPatientId());
        assertEquals("ENC-LAB", p.getEncounterId());
        assertTrue(p.getReason(), p.getReason().contains("no price for code LAB-BLOODCOUNT"));
        assertEquals(misnamed, p.getPayload());
        assertFalse(routes.onEvent(LabTestCompleted.TYPE, misnamed).fresh());

        ChargeQueries queries = new ChargeQueries(charges, audit);
        CallerContext.bind(Staff.clerk("clerk.weber"));
        List<ParkedCharge> work = queries.parked("PARKED", 0, 200).getItems();
        assertTrue(work.stream().anyMatch(w -> w.id().equals(p.getId()) && w.reason().equals(p.getReason())));

        ChargeBodies.PostParked fix = new ChargeBodies.PostParked();
        fix.priceCode = "LAB-CBC";
        Charge posted = charges.postParked(p.getId(), fix);
        assertEquals("LAB", posted.sourceType());
        assertEquals("ITEM-CBC-1", posted.sourceId());
        assertEquals("LAB-CBC", posted.priceCode());
        assertEquals("12.0000", posted.unitPrice());
        assertEquals("2026-12-08", posted.serviceDate());
        assertEquals("ENC-LAB", posted.encounterId());
        assertEquals("clerk.weber", posted.postedBy());
        ParkedChargeEntity resolved = parkedOf("LAB", "ITEM-CBC-1");
        assertEquals("POSTED", resolved.getStatus());
        assertEquals(posted.id(), resolved.getChargeId());
        assertEquals("clerk.weber", resolved.getResolvedBy());
        assertEquals(409, ChargeDeskTest.problem(() -> charges.postParked(p.getId(), fix)).status());

        // two clerks posting the same parked charge at once: one charge, the other 409
        routes.onEvent(LabTestCompleted.TYPE, labTest("ITEM-CBC-2", "LAB-BLOODCOUNT"));
        ParkedChargeEntity second = parkedOf("LAB", "ITEM-CBC-2");
        Race race = Race.of(List.of(Staff.clerk("clerk.weber"), Staff.clerk("clerk.yilmaz")),
                () -> charges.postParked(second.getId(), fix));
        assertEquals(1, race.succeeded);
        assertEquals(List.of(409), race.refused);
        assertEquals(1, chargesOf("LAB", "ITEM-CBC-2"));
        // a late redelivery of the event changes nothing
        CallerContext.clear();
        Filed late = routes.onEvent(LabTestCompleted.TYPE, misnamed);
        assertFalse(late.fresh());
        assertEquals(1, chargesOf("LAB", "ITEM-CBC-1"));
    }

    @Test
    public void aParkedChargeIsRefusedAnUnknownCodeAndCanBeDiscarded() throws Exception {
        routes.onEvent(AppointmentCompleted.TYPE, appointment("APT-300", "dr.locum", "DERMATOLOGY"));
        ParkedChargeEntity p = parkedOf("APPOINTMENT", "APT-300");
        assertNull(p.getPriceCode());
        assertEquals("dr.locum", p.getDoctorId());
        CallerContext.bind(Staff.clerk("clerk.weber"));
        assertEquals(422, ChargeDeskTest.problem(() -> charges.postParked(p.getId(), new ChargeBodies.PostParked()))
                .status());
        ChargeBodies.PostParked wrong = new ChargeBodies.PostParked();
        wrong.priceCode = "CONS-NOPE";
        assertEquals(422, ChargeDeskTest.problem(() -> charges.postParked(p.getId(), wrong)).status());
        assertEquals(404, ChargeDeskTest.problem(() -> charges.postParked("nope", wrong)).status());
        assertEquals(400, ChargeDeskTest.problem(() -> charges.discard(p.getId(), ChargeDeskTest.reason(null)))
                .status());
        assertEquals("PARKED", parkedOf("APPOINTMENT", "APT-300").getStatus());

        ParkedCharge discarded = charges.discard(p.getId(), ChargeDeskTest.reason("locum visit billed by the agency"));
        assertEquals("DISCARDED", discarded.status());
        assertEquals("locum visit billed by the agency", discarded.resolutionNote());
        assertEquals(409, ChargeDeskTest.problem(() -> charges.discard(p.getId(), ChargeDeskTest.reason("again")))
                .status());
        // redelivered after the price list learnt the fee: a discarded charge stays discarded
        prices.consultationFee("CONS-DERM", "Dermatology consultation", "70.00", null, "DERMATOLOGY", null);
        CallerContext.clear();
        assertFalse(routes.onEvent(AppointmentCompleted.TYPE, appointment("APT-300", "dr.locum", "DERMATOLOGY"))
                .fresh());
        assertEquals(0, chargesOf("APPOINTMENT", "APT-300"));
    }

    @Test
    public void returnedTabletsAreCreditedAtTheDispensesPriceEvenAfterAPriceRise() throws Exception {
        routes.onEvent(MedicationDispensed.TYPE, dispensed("DSP-1", "20"));
        ChargeEntity dispense = chargeOf("PHARMACY", "DSP-1");
        assertEquals(0, dispense.getQuantity().compareTo(new java.math.BigDecimal("20")));
        assertEquals("0.1500", dispense.getUnitPrice().toPlainString());
        assertEquals("0.0550", dispense.getTaxRate().toPlainString());

        prices.price("PH-PARA500", "Paracetamol 500 mg tablet", "MEDICINE", "0.2000", "REDUCED", "0.055");
        String back = returned("RET-1", "DSP-1", "5");
        routes.onEvent(MedicationReturned.TYPE, back);
        routes.onEvent(MedicationReturned.TYPE, back);
        assertEquals(1, chargesOf("PHARMACY_RETURN", "RET-1"));
        ChargeEntity credit = chargeOf("PHARMACY_RETURN", "RET-1");
        assertEquals("-5.000", credit.getQuantity().toPlainString());
        assertEquals("0.1500", credit.getUnitPrice().toPlainString());
        assertEquals("PH-PARA500", credit.getPriceCode());
        assertEquals("ENC-PHARM", credit.getEncounterId());
        assertEquals("2026-12-09", credit.getServiceDate());
        assertEquals("OPEN", credit.getStatus());
    }

    @Test
    public void aReturnWithoutItsDispensesChargeIsParkedAndLaterPostedAtTheDispensesPrice() throws Exception {
        routes.onEvent(MedicationReturned.TYPE, returned("RET-2", "DSP-2", "4"));
        ParkedChargeEntity p = parkedOf("PHARMACY_RETURN", "RET-2");
        assertTrue(p.getReason(), p.getReason().contains("no charge of dispense DSP-2"));
        assertEquals("-4.000", p.getQuantity().toPlainString());

        routes.onEvent(MedicationDispensed.TYPE, dispensed("DSP-2", "10"));
        CallerContext.bind(Staff.clerk("clerk.weber"));
        Charge credit = charges.postParked(p.getId(), new ChargeBodies.PostParked());
        assertEquals("-4.000", credit.quantity());
        assertEquals("0.1500", credit.unitPrice());
        assertEquals("PHARMACY_RETURN", credit.sourceType());
    }

    @Test
    public void aDepartmentSwitchedOffInTheCfgIsNotCharged() throws Exception {
        ChargeEventRoutes off = new ChargeEventRoutes(charges, Configs.billing(Map.of("chargeLabTests", false,
                "chargeDispenses", false)));
        assertNull(off.onEvent(LabTestCompleted.TYPE, labTest("ITEM-OFF", "LAB-HB")));
        assertNull(off.onEvent(MedicationDispensed.TYPE, dispensed("DSP-OFF", "2")));
        assertNull(off.onEvent("PatientRegistered", "{}"));
        assertEquals(0, chargesOf("LAB", "ITEM-OFF"));
        assertEquals(0, chargesOf("PHARMACY", "DSP-OFF"));
        assertTrue(off.onEvent(AppointmentCompleted.TYPE, appointment("APT-ON", "dr.hartmann", null)).fresh());
    }

    @Test
    public void anEventWithoutItsIdFailsForTheBusToRetryAndAnOddQuantityIsParked() throws Exception {
        assertTrue(org.junit.Assert.assertThrows(IllegalArgumentException.class,
                () -> routes.onEvent(LabTestCompleted.TYPE, labTest(null, "LAB-HB"))).getMessage().contains("itemId"));
        Filed odd = routes.onEvent(MedicationDispensed.TYPE, dispensed("DSP-ODD", "half a box"));
        assertFalse(odd.isCharged());
        assertTrue(odd.parked().getReason().contains("half a box"));
    }
}
