package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.karaf.features.Feature;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * The pharmacy in the real container (issue 24's proof), through its REST surface, the EMR's prescriptions and HAPI's
 * MLLP client, on whichever database the suite runs. Pharmacist Ama Santos orders paracetamol from the wholesaler,
 * receives it in two deliveries into the central store and moves some to the main pharmacy; Dr Mensah prescribes it
 * for Kofi Boateng in the EMR and Ama dispenses it, first expiry first. Two pharmacists reach for the last box of
 * amoxicillin at once: one gets it, the other a 409. A batch that expired is refused; an allergy warning is overridden
 * only with a reason, and the reason is in the audit trail. The scheduled checks raise reorder and expiry alerts. An
 * outside prescribing system's RDE^O11 lands in the same queue. Bad input gets a clear 4xx and writes nothing.
 * <p>
 * The expiry test needs a day to pass: the hospital's zone ({@code zone} in etc/org.pavilion.pharmacy.cfg) starts at
 * UTC-12 and moves to UTC+14; the same instant is one or two days later there, so a batch expiring "today" at UTC-12
 * has expired at UTC+14. That is the clock the pharmacy's business day runs on, controlled through configuration.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PharmacyIT extends PavilionTestSupport {

    private static final String API = "/api/v1/pharmacy";
    private static final String WEST = "Etc/GMT+12";
    private static final String EAST = "Pacific/Kiritimati";

    @Override
    protected Option[] extraOptions() {
        String cfg = "etc/org.pavilion.pharmacy.cfg";
        return new Option[] {
            editConfigurationFilePut(cfg, "zone", WEST),
            editConfigurationFilePut(cfg, "reorderCheckSeconds", "1"),
            editConfigurationFilePut(cfg, "expiryCheckSeconds", "1"),
            editConfigurationFilePut(cfg, "expiryWindowDays", "60"),
            editConfigurationFilePut(cfg, "allergyCheck", "true")};
    }

    @Test
    public void t00_thePharmacyStandsAloneAsItsOwnFeature() throws Exception {
        ready();
        Feature pharmacy = features().getFeature("pavilion-pharmacy");
        assertNotNull("feature pavilion-pharmacy", pharmacy);
        assertTrue(features().isInstalled(pharmacy));
        Bundle bundle = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.pavilion.pharmacy".equals(b.getSymbolicName())) {
                bundle = b;
            }
        }
        assertNotNull("bundle org.pavilion.pharmacy", bundle);
        assertEquals(Bundle.ACTIVE, bundle.getState());
        // The EMR is optional to it: a hospital may run its stores without the record.
        String imports = String.valueOf(bundle.getHeaders().get("Import-Package"));
        for (String clause : imports.split(",(?=[a-z])")) {
            if (clause.startsWith("org.pavilion.emr")) {
                assertTrue(clause, clause.contains("resolution:=optional"));
            }
        }
    }

    @Test
    public void t01_receivedTransferredPrescribedDispensedAndEveryStoreIsRight() throws Exception {
        Http admin = ready();
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        Http mensah = staff(admin, "dr.mensah", "DOCTOR");
        String kofi = registerPatient(admin, "Kofi", "Boateng", "MALE", "1968-02-14");

        // Ama orders 1,000 tablets of paracetamol for the central store and sends the order.
        String supplier = created(ama.post(API + "/suppliers", obj().put("name", "Accra Medical Wholesale " + tag())
                .put("email", "orders@amw.example"))).path("id").asText();
        ObjectNode po = obj().put("supplierId", supplier).put("storeCode", "CENTRAL").put("note", "Monthly order");
        po.putArray("lines").addObject().put("itemCode", "PARA500").put("quantity", "1000").put("unitPrice", "0.02");
        JsonNode order = created(ama.post(API + "/purchase-orders", po));
        assertEquals("DRAFT", order.path("status").asText());
        String poId = order.path("id").asText();
        String lineId = order.path("lines").get(0).path("id").asText();
        assertEquals("SENT", ok(ama.post(API + "/purchase-orders/" + poId + "/send", obj())).path("status").asText());
        BigDecimal centralBefore = onHand(ama, "CENTRAL", "PARA500");
        BigDecimal mainBefore = onHand(ama, "MAIN", "PARA500");

        // Two deliveries: 600 of a batch expiring later, then 400 of one expiring sooner.
        String late = "PL-" + tag();
        String soon = "PS-" + tag();
        created(ama.post(API + "/purchase-orders/" + poId + "/receipts", receipt("DN-1", lineId, late, "2031-06-30", "600")));
        assertEquals("PARTIALLY_RECEIVED", ok(ama.get(API + "/purchase-orders/" + poId)).path("status").asText());
        // One tablet more than is still open on the line is refused, and nothing moves.
        problem(422, ama.post(API + "/purchase-orders/" + poId + "/receipts", receipt("DN-2", lineId, soon, "2030-01-31", "401")));
        created(ama.post(API + "/purchase-orders/" + poId + "/receipts", receipt("DN-2", lineId, soon, "2030-01-31", "400")));
        assertEquals("RECEIVED", ok(ama.get(API + "/purchase-orders/" + poId)).path("status").asText());
        // A received order takes no further delivery.
        problem(409, ama.post(API + "/purchase-orders/" + poId + "/receipts", receipt("DN-3", lineId, late, "2031-06-30", "1")));
        assertEquals(0, centralBefore.add(new BigDecimal("1000")).compareTo(onHand(ama, "CENTRAL", "PARA500")));

        // 300 go to the main pharmacy: the sooner-expiring batch goes first.
        JsonNode transfer = created(ama.post(API + "/stock/transfers", obj().put("fromStore", "CENTRAL")
                .put("toStore", "MAIN").put("itemCode", "PARA500").put("quantity", "300")));
        assertTrue(transfer.toString(), transfer.toString().contains(soon));
        assertEquals(0, centralBefore.add(new BigDecimal("700")).compareTo(onHand(ama, "CENTRAL", "PARA500")));
        assertEquals(0, mainBefore.add(new BigDecimal("300")).compareTo(onHand(ama, "MAIN", "PARA500")));

        // Dr Mensah prescribes from the catalogue in the EMR; the prescription reaches Ama's queue.
        String prescriptionId = created(mensah.post("/api/v1/emr/records/" + kofi + "/prescriptions", obj()
                .put("drug", "Paracetamol 500 mg tablet").put("drugCode", "PARA500").put("dose", "1 g")
                .put("route", "ORAL").put("frequency", "every 6 h").put("durationDays", 5))).path("id").asText();
        JsonNode queued = Await.value("the prescription reaches the dispensing queue", BOOT_BOUND,
                () -> inQueue(ama, prescriptionId));
        assertEquals(kofi, queued.path("patientId").asText());
        assertEquals("PARA500", queued.path("itemCode").asText());
        assertEquals("PENDING", queued.path("status").asText());
        int version = ok(ama.get(API + "/prescriptions/" + prescriptionId)).path("version").asInt();
        ok(ama.put(API + "/prescriptions/" + prescriptionId, obj().put("itemCode", "PARA500")
                .put("quantityPrescribed", "40").put("version", version)));

        // Half today (partial), from the main pharmacy, first expiry first.
        JsonNode first = created(ama.post(API + "/prescriptions/" + prescriptionId + "/dispenses",
                obj().put("storeCode", "MAIN").put("quantity", "20")));
        assertTrue(first.toString(), first.path("batches").toString().contains(soon));
        assertEquals("PARTIALLY_DISPENSED", ok(ama.get(API + "/prescriptions/" + prescriptionId)).path("status").asText());
        // More than is left on the prescription is refused.
        problem(422, ama.post(API + "/prescriptions/" + prescriptionId + "/dispenses",
                obj().put("storeCode", "MAIN").put("quantity", "21")));
        created(ama.post(API + "/prescriptions/" + prescriptionId + "/dispenses",
                obj().put("storeCode", "MAIN").put("quantity", "20")));
        assertEquals("DISPENSED", ok(ama.get(API + "/prescriptions/" + prescriptionId)).path("status").asText());

        // Every store is right, and the ledger says why.
        assertEquals(0, centralBefore.add(new BigDecimal("700")).compareTo(onHand(ama, "CENTRAL", "PARA500")));
        assertEquals(0, mainBefore.add(new BigDecimal("260")).compareTo(onHand(ama, "MAIN", "PARA500")));
        JsonNode ledger = ok(ama.get(API + "/ledger?store=MAIN&item=PARA500&size=200")).path("items");
        assertEquals(2, count(ledger, "kind", "DISPENSE"));
        assertTrue(ledger.toString(), count(ledger, "kind", "TRANSFER_IN") >= 1);
        // Kofi's dispenses under his MRN, audited.
        JsonNode his = ok(ama.get(API + "/patients/" + kofi + "/dispenses")).path("items");
        assertEquals(his.toString(), 2, his.size());
        assertTrue(ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + kofi)).toString().contains("ph-dispense"));
    }

    @Test
    public void t02_twoPharmacistsReachForTheLastBoxAndOneGetsIt() throws Exception {
        Http admin = ready();
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        Http yaw = staff(admin, "ph.owusu", "PHARMACIST");
        Http mensah = staff(admin, "dr.mensah", "DOCTOR");
        // The main pharmacy has one box of 21 capsules of amoxicillin left.
        String item = medicine(ama, "Amoxicillin 250 mg capsule", "amoxicillin", "250 mg", "CAPSULE", "J01CA04",
                "capsule");
        created(ama.post(API + "/stock/receipts", obj().put("storeCode", "MAIN").put("itemCode", item)
                .put("batchNumber", "AM-" + tag()).put("expiryDate", "2031-03-31").put("quantity", "21")
                .put("reason", "Opening stock")));

        String efua = registerPatient(admin, "Efua", "Mensah", "FEMALE", "1990-09-09");
        String kwame = registerPatient(admin, "Kwame", "Asante", "MALE", "1955-12-01");
        String forEfua = prescribed(mensah, ama, efua, "Amoxicillin 250 mg capsule", item, "21");
        String forKwame = prescribed(mensah, ama, kwame, "Amoxicillin 250 mg capsule", item, "21");

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (Object[] who : new Object[][] {{ama, forEfua}, {yaw, forKwame}}) {
                Http pharmacist = (Http) who[0];
                String id = (String) who[1];
                Callable<Http.Response> dispense = () -> {
                    start.await();
                    return pharmacist.post(API + "/prescriptions/" + id + "/dispenses",
                            obj().put("storeCode", "MAIN").put("quantity", "21"));
                };
                answers.add(pool.submit(dispense));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Response> f : answers) {
                Http.Response r = f.get();
                statuses.add(r.status);
                if (r.status == 409) {
                    assertTrue(r.body, r.body.contains("insufficient-stock") || r.body.contains("stock"));
                }
            }
            statuses.sort(null);
            assertEquals(List.of(201, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, BigDecimal.ZERO.compareTo(onHand(ama, "MAIN", item)));
    }

    @Test
    public void t03_aBatchThatExpiredIsRefusedAndOnlyWrittenOff() throws Exception {
        Http admin = ready();
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        Http mensah = staff(admin, "dr.mensah", "DOCTOR");
        // A batch that expires today, by the hospital's (westernmost) day, is still usable today.
        String batch = "IB-" + tag();
        String today = LocalDate.now(ZoneId.of(WEST)).toString();
        String ibuprofen = medicine(ama, "Ibuprofen 400 mg tablet", "ibuprofen", "400 mg", "TABLET", "M01AE01", "tablet");
        created(ama.post(API + "/stock/receipts", obj().put("storeCode", "MAIN").put("itemCode", ibuprofen)
                .put("batchNumber", batch).put("expiryDate", today).put("quantity", "30").put("reason", "Opening stock")));
        String ama2 = registerPatient(admin, "Adwoa", "Amoah", "FEMALE", "1985-05-05");
        String rx = prescribed(mensah, ama, ama2, "Ibuprofen 400 mg tablet", ibuprofen, "10");

        // The hospital's day moves on (the zone moves east: the same instant is a later day): it has expired.
        try {
            configure("zone", EAST);
            Await.until("the pharmacy's day moves on", BOOT_BOUND, () -> {
                JsonNode line = ok(ama.get(API + "/stock/MAIN/" + ibuprofen));
                assertTrue(line.toString(), line.toString().contains("EXPIRED"));
            });
            Http.Response named = ama.post(API + "/prescriptions/" + rx + "/dispenses",
                    obj().put("storeCode", "MAIN").put("quantity", "10").put("batchNumber", batch));
            problem(422, named);
            // Not by first-expiry-first-out either: nothing usable is left.
            problem(409, ama.post(API + "/prescriptions/" + rx + "/dispenses",
                    obj().put("storeCode", "MAIN").put("quantity", "10")));
            // It can only be written off, and then it is gone from the store.
            JsonNode off = created(ama.post(API + "/stock/write-offs", obj().put("storeCode", "MAIN")
                    .put("itemCode", ibuprofen).put("batchNumber", batch)));
            assertTrue(off.toString(), off.toString().contains("EXPIRY_WRITE_OFF"));
            assertEquals(0, BigDecimal.ZERO.compareTo(onHand(ama, "MAIN", ibuprofen)));
        } finally {
            configure("zone", WEST);
        }
    }

    @Test
    public void t04_anAllergyWarningIsOverriddenOnlyWithAReasonAndTheReasonIsAudited() throws Exception {
        Http admin = ready();
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        Http mensah = staff(admin, "dr.mensah", "DOCTOR");
        Http nurse = staff(admin, "nurse.adjei", "NURSE");
        String yaa = registerPatient(admin, "Yaa", "Frimpong", "FEMALE", "1972-03-03");
        created(nurse.post("/api/v1/emr/records/" + yaa + "/allergies", obj().put("substance", "Penicillin")
                .put("reaction", "Rash").put("severity", "MILD")));
        String amoxicillin = medicine(ama, "Amoxicillin 500 mg capsule", "amoxicillin", "500 mg", "CAPSULE", "J01CA04",
                "capsule");
        created(ama.post(API + "/stock/receipts", obj().put("storeCode", "MAIN").put("itemCode", amoxicillin)
                .put("batchNumber", "AX-" + tag()).put("expiryDate", "2031-12-31").put("quantity", "50")
                .put("reason", "Opening stock")));
        String rx = prescribed(mensah, ama, yaa, "Amoxicillin 500 mg capsule", amoxicillin, "21");

        // Amoxicillin is a penicillin: warned, with her allergy named, and nothing dispensed.
        Http.Response warned = ama.post(API + "/prescriptions/" + rx + "/dispenses",
                obj().put("storeCode", "MAIN").put("quantity", "21"));
        assertEquals(warned.toString(), 409, warned.status);
        assertTrue(warned.body, warned.body.contains("allergy-warning") && warned.body.contains("Penicillin"));
        assertEquals("PENDING", ok(ama.get(API + "/prescriptions/" + rx)).path("status").asText());
        // The prescriber confirmed by phone: Ama overrides, with the reason.
        String reason = "Rash 20 years ago, tolerated amoxicillin in 2023; confirmed with Dr Mensah";
        JsonNode dispensed = created(ama.post(API + "/prescriptions/" + rx + "/dispenses",
                obj().put("storeCode", "MAIN").put("quantity", "21").put("overrideReason", reason)));
        assertEquals(reason, dispensed.path("overrideReason").asText());
        String trail = ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + yaa)).toString();
        assertTrue(trail, trail.contains("tolerated amoxicillin"));
    }

    @Test
    public void t05_theScheduledChecksRaiseReorderAndExpiryAlerts() throws Exception {
        Http admin = ready();
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        // Metformin in the main pharmacy: reorder at 100, 40 there, a batch expiring in 30 days (window 60).
        String metforminCode = medicine(ama, "Metformin 500 mg tablet", "metformin", "500 mg", "TABLET", "A10BA02",
                "tablet");
        ok(ama.put(API + "/stores/MAIN/reorder-rules/" + metforminCode, obj().put("itemCode", metforminCode)
                .put("storeCode", "MAIN").put("reorderLevel", "100").put("reorderQuantity", "500")));
        String batch = "MF-" + tag();
        String expiry = LocalDate.now(ZoneId.of(WEST)).plusDays(30).toString();
        created(ama.post(API + "/stock/receipts", obj().put("storeCode", "MAIN").put("itemCode", metforminCode)
                .put("batchNumber", batch).put("expiryDate", expiry).put("quantity", "40").put("reason", "Opening stock")));

        JsonNode reorder = Await.value("the reorder check raises its alert", BOOT_BOUND,
                () -> alert(ama, "REORDER", metforminCode, null));
        assertEquals("MAIN", reorder.path("storeCode").asText());
        JsonNode expiring = Await.value("the expiry check raises its alert", BOOT_BOUND,
                () -> alert(ama, "EXPIRY", metforminCode, batch));
        assertEquals(expiry, expiring.path("expiryDate").asText());

        // The reorder list suggests at least the reorder quantity, and becomes a draft order for the wholesaler.
        JsonNode suggestions = ok(ama.get(API + "/reorder-suggestions?store=MAIN"));
        JsonNode metformin = null;
        for (JsonNode s : suggestions) {
            if (metforminCode.equals(s.path("itemCode").asText())) {
                metformin = s;
            }
        }
        assertNotNull(suggestions.toString(), metformin);
        assertTrue(metformin.toString(), new BigDecimal(metformin.path("suggestedQuantity").asText())
                .compareTo(new BigDecimal("500")) >= 0);
        String supplier = created(ama.post(API + "/suppliers", obj().put("name", "Kumasi Pharma " + tag())))
                .path("id").asText();
        ObjectNode fromSuggestions = obj().put("supplierId", supplier).put("storeCode", "MAIN");
        fromSuggestions.putArray("itemCodes").add(metforminCode);
        JsonNode draft = created(ama.post(API + "/purchase-orders/from-suggestions", fromSuggestions));
        assertEquals("DRAFT", draft.path("status").asText());
        assertEquals("REORDER", draft.path("origin").asText());
        assertEquals(metforminCode, draft.path("lines").get(0).path("itemCode").asText());
    }

    @Test
    public void t06_badInputGetsAClearProblemAndWritesNothing() throws Exception {
        Http admin = ready();
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        Http nurse = staff(admin, "nurse.adjei", "NURSE");
        int ledgerBefore = ok(ama.get(API + "/ledger?size=1")).path("total").asInt();

        problem(422, ama.post(API + "/stock/receipts", obj().put("storeCode", "MAIN").put("itemCode", "PARA500")
                .put("batchNumber", "NEG-1").put("expiryDate", "2031-01-31").put("quantity", "-5")));
        problem(422, ama.post(API + "/stock/receipts", obj().put("storeCode", "MAIN").put("itemCode", "NO-SUCH-ITEM")
                .put("batchNumber", "X-1").put("expiryDate", "2031-01-31").put("quantity", "5")));
        // A medicine received without its expiry date.
        Http.Response noExpiry = ama.post(API + "/stock/receipts", obj().put("storeCode", "MAIN")
                .put("itemCode", "PARA500").put("batchNumber", "NOEXP-1").put("quantity", "5"));
        problem(422, noExpiry);
        assertTrue(noExpiry.body, noExpiry.body.toLowerCase().contains("expiry"));
        problem(422, ama.post(API + "/stock/transfers", obj().put("fromStore", "CENTRAL").put("toStore", "NOWHERE")
                .put("itemCode", "PARA500").put("quantity", "1")));
        Http.Response notANumber = ama.post(API + "/stock/issues", obj().put("storeCode", "MAIN")
                .put("itemCode", "PARA500").put("quantity", "a dozen").put("issuedTo", "Ward B"));
        assertTrue(notANumber.toString(), notANumber.status == 400 || notANumber.status == 422);
        assertTrue(notANumber.toString(), String.valueOf(notANumber.contentType).contains("problem+json"));
        // A nurse sees stock but does not move it.
        assertEquals(200, nurse.get(API + "/stock?store=MAIN").status);
        problem(403, nurse.post(API + "/stock/transfers", obj().put("fromStore", "CENTRAL").put("toStore", "MAIN")
                .put("itemCode", "PARA500").put("quantity", "1")));

        assertEquals(ledgerBefore, ok(ama.get(API + "/ledger?size=1")).path("total").asInt());
    }

    @Test
    public void t07_anOutsidePrescribingSystemsOrderLandsInTheSameQueueOnce() throws Exception {
        Http admin = ready();
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        String abena = registerPatient(admin, "Abena", "Darko", "FEMALE", "1999-07-07");
        String placer = "EP" + tag();
        String rde = "MSH|^~\\&|EPRESCRIBE|CLINIC|PAVILION|HOSP|20261204090000||RDE^O11^RDE_O11|" + placer
                + "|P|2.5\r"
                + "PID|1||" + abena + "^^^PAV^MR||Darko^Abena\r"
                + "ORC|NW|" + placer + "|||||||20261204090000|||dr.outside^Outside^Doctor\r"
                + "RXE|1^^^20261204^20261209|PARA500^Paracetamol 500 mg tablet^PAVPH|1000||mg^milligram"
                + "|TAB^tablet||||20|TAB\r"
                + "RXR|PO^Oral\r";
        String ack = send(rde);
        assertEquals(ack, "AA", msa1(ack));
        // The sender did not get our ACK and sends again: still one prescription.
        assertEquals("AA", msa1(send(rde)));
        JsonNode queue = ok(ama.get(API + "/queue?patientId=" + abena + "&size=50")).path("items");
        assertEquals(queue.toString(), 1, queue.size());
        JsonNode rx = queue.get(0);
        assertEquals("HL7", rx.path("source").asText());
        assertEquals("PARA500", rx.path("itemCode").asText());
        assertEquals(0, new BigDecimal("20").compareTo(new BigDecimal(rx.path("quantityPrescribed").asText())));
        // A patient nobody knows is refused with a clear answer.
        String unknown = rde.replace(abena + "^^^PAV^MR", "NOSUCH" + tag() + "^^^PAV^MR").replace(placer, placer + "X");
        assertEquals("AR", msa1(send(unknown)));
    }

    // ---- the hospital's set-up ----

    private Http ready() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("the pharmacy is published", BOOT_BOUND, () -> assertEquals(200,
                admin.get(API + "/items/PARA500").status));
        return admin;
    }

    private static Http staff(Http admin, String username, String role) throws Exception {
        ObjectNode user = obj().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertTrue(r.toString(), r.status == 201 || r.status == 409);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static ObjectNode receipt(String note, String lineId, String batch, String expiry, String quantity) {
        ObjectNode r = obj().put("deliveryNote", note);
        r.putArray("lines").addObject().put("lineId", lineId).put("batchNumber", batch).put("expiryDate", expiry)
                .put("quantity", quantity);
        return r;
    }

    private static BigDecimal onHand(Http who, String store, String item) throws Exception {
        Http.Response r = who.get(API + "/stock/" + store + "/" + item);
        if (r.status == 404) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(ok(r).path("onHand").asText());
    }

    /** A prescription issued in the EMR, matched and quantified by the pharmacist once it is queued; its id. */
    private static String prescribed(Http doctor, Http pharmacist, String mrn, String drug, String code,
            String quantity) throws Exception {
        String id = created(doctor.post("/api/v1/emr/records/" + mrn + "/prescriptions", obj().put("drug", drug)
                .put("drugCode", code).put("dose", "1 unit").put("route", "ORAL").put("frequency", "daily")
                .put("durationDays", 7))).path("id").asText();
        Await.value("the prescription reaches the queue", BOOT_BOUND, () -> inQueue(pharmacist, id));
        int version = ok(pharmacist.get(API + "/prescriptions/" + id)).path("version").asInt();
        ok(pharmacist.put(API + "/prescriptions/" + id, obj().put("itemCode", code).put("quantityPrescribed", quantity)
                .put("version", version)));
        return id;
    }

    private static JsonNode inQueue(Http pharmacist, String prescriptionId) throws Exception {
        Http.Response r = pharmacist.get(API + "/prescriptions/" + prescriptionId);
        return r.status == 200 ? r.json() : null;
    }

    private static JsonNode alert(Http pharmacist, String kind, String item, String batch) throws Exception {
        for (JsonNode a : ok(pharmacist.get(API + "/alerts?kind=" + kind + "&store=MAIN&open=true&size=200"))
                .path("items")) {
            if (item.equals(a.path("itemCode").asText())
                    && (batch == null || batch.equals(a.path("batchNumber").asText()))) {
                return a;
            }
        }
        return null;
    }

    private static int count(JsonNode items, String field, String value) {
        int n = 0;
        for (JsonNode i : items) {
            if (value.equals(i.path(field).asText())) {
                n++;
            }
        }
        return n;
    }

    /** As an operator would: edit etc/org.pavilion.pharmacy.cfg; the change applies without a restart. */
    private static void configure(String key, String value) throws Exception {
        Path cfg = Paths.get(System.getProperty("karaf.etc")).resolve("org.pavilion.pharmacy.cfg");
        String now = Files.readString(cfg, StandardCharsets.UTF_8);
        Files.writeString(cfg, now.replaceAll("(?m)^" + key + "\\s*=.*$", key + " = " + value), StandardCharsets.UTF_8);
    }

    /** A medicine of the hospital's own catalogue (the test's own code, so no starter item is disturbed). */
    private static String medicine(Http pharmacist, String name, String generic, String strength, String form,
            String atc, String unit) throws Exception {
        String code = "IT" + tag();
        ObjectNode item = obj().put("code", code).put("name", name).put("kind", "MEDICINE").put("genericName", generic)
                .put("strength", strength).put("form", form).put("atcCode", atc).put("unitOfIssue", unit)
                .put("expiryRequired", true).put("active", true);
        Http.Response r = pharmacist.put(API + "/items/" + code, item);
        assertTrue(r.toString(), r.status == 200 || r.status == 201);
        return code;
    }

    private String send(String text) throws Exception {
        return Await.value("the HL7 listener answers", BOOT_BOUND, () -> hl7Client().send(text));
    }
}
