package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.karaf.features.Feature;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.osgi.framework.Bundle;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Billing in the real container (issue 25's proof), through its REST surface, the other departments' events and HAPI's
 * MLLP client, on whichever database the suite runs. Chinwe Okafor sees Dr Osei (scheduling: booked, checked in,
 * completed), has a potassium test (laboratory: ordered, resulted, verified, released) and takes home amoxicillin
 * (pharmacy: dispensed). Each of those is charged once by billing from the department's event, also when an event is
 * delivered twice. Her insurer, a FHIR R4 server started by the test, confirms her cover; the cashier invoices her
 * visit with the insurance split, issues it, claims the insurer's share over FHIR, records the insurer's remittance and
 * takes the rest from Chinwe in cash: the invoice is paid and the journal balances. Another patient cannot read her
 * invoice. A radiology system's DFT^P03 charges; an unknown price code is AE and parked. Bad input gets a clear 4xx.
 * Billing keeps working when every other department is uninstalled (manual charges).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BillingIT extends PavilionTestSupport {

    private static final String API = "/api/v1/billing";
    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final AtomicInteger CONTROL_IDS = new AtomicInteger();

    @Test
    public void t00_billingStandsAloneAsItsOwnFeature() throws Exception {
        ready();
        Feature billing = features().getFeature("pavilion-billing");
        assertNotNull("feature pavilion-billing", billing);
        assertTrue(features().isInstalled(billing));
        Bundle bundle = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.pavilion.billing".equals(b.getSymbolicName())) {
                bundle = b;
            }
        }
        assertNotNull("bundle org.pavilion.billing", bundle);
        assertEquals(Bundle.ACTIVE, bundle.getState());
        // Every other department is optional to it: a hospital may bill by hand.
        String imports = String.valueOf(bundle.getHeaders().get("Import-Package"));
        for (String clause : imports.split(",(?=[a-z])")) {
            for (String department : new String[] {"emr", "scheduling", "lab", "pharmacy"}) {
                if (clause.startsWith("org.pavilion." + department + ".")) {
                    assertTrue(clause, clause.contains("resolution:=optional"));
                }
            }
        }
    }

    @Test
    public void t01_aVisitALabTestAndAMedicineAreChargedOnceInvoicedClaimedAndPaid() throws Exception {
        Http admin = ready();
        Http cashier = staff(admin, "bl.mwangi", "BILLING");
        Http osei = staff(admin, "dr.osei", "DOCTOR");
        Http tech1 = staff(admin, "lab.tan", "LAB_TECHNICIAN");
        Http tech2 = staff(admin, "lab.ruiz", "LAB_TECHNICIAN");
        Http ama = staff(admin, "ph.santos", "PHARMACIST");
        String tag = tag();
        String chinwe = registerPatient(admin, "Chinwe", "Okafor" + tag, "FEMALE", "1984-05-17");
        Http chinweAccount = createUser(admin, "chinwe" + tag, "PATIENT", chinwe);

        // Finance prices the cardiology consultation; the lab's and pharmacy's codes come with the starter list.
        String specialty = "Cardiology" + tag;
        created(admin.post(API + "/prices", obj().put("code", "CONS-CARD-" + tag).put("name", "Cardiology consultation")
                .put("category", "CONSULTATION").put("specialty", specialty).put("serviceCode", "CONSULT")
                .put("unitPrice", "60.00").put("taxCategory", "EXEMPT").put("validFrom", "2020-01-01")
                .put("active", true)));
        BigDecimal potassium = price(cashier, "LAB-K");
        BigDecimal amoxicillin = price(cashier, "PH-AMOX500");

        // Her insurer answers over FHIR: 80 % of consultations after a 10.00 co-pay, all of lab tests, half of medicines.
        try (TestInsurer insurer = new TestInsurer()) {
            insurer.members("MUT-" + tag);
            String plan = "MUTUA-" + tag;
            ok(admin.put(API + "/insurers/MUTUA" + tag, obj().put("code", "MUTUA" + tag).put("name", "Mutua Health")
                    .put("fhirBaseUrl", insurer.baseUrl()).put("payerId", "MUTUA").put("active", true)));
            ObjectNode planBody = obj().put("code", plan).put("insurerCode", "MUTUA" + tag).put("name", "Basic")
                    .put("active", true);
            planBody.putArray("rules")
                    .add(obj().put("category", "CONSULTATION").put("coveredPercent", "0.80").put("copay", "10.00"))
                    .add(obj().put("category", "LAB_TEST").put("coveredPercent", "1").put("copay", "0"))
                    .add(obj().put("category", "MEDICINE").put("coveredPercent", "0.5").put("copay", "0"));
            ok(admin.put(API + "/plans/" + plan, planBody));
            String policy = created(cashier.post(API + "/patients/" + chinwe + "/policies", obj().put("planCode", plan)
                    .put("memberId", "MUT-" + tag).put("validFrom", "2020-01-01"))).path("id").asText();
            assertEquals("ELIGIBLE", ok(cashier.post(API + "/policies/" + policy + "/eligibility", obj()))
                    .path("eligibility").asText());

            // Scheduling: Dr Osei sees her today; completing the visit charges the consultation.
            String doctor = doctor(admin, "Dr Kwame Osei " + tag, specialty);
            String start = LocalDate.now().plusDays(1) + "T09:00";
            String appointment = created(admin.post("/api/v1/scheduling/appointments", obj().put("patientId", chinwe)
                    .put("doctorId", doctor).put("serviceCode", "CONSULT").put("visitType", "IN_PERSON")
                    .put("start", start))).path("id").asText();
            ok(admin.post("/api/v1/scheduling/appointments/" + appointment + "/check-in", obj()));
            ok(admin.post("/api/v1/scheduling/appointments/" + appointment + "/complete", obj()));

            // Laboratory: a potassium test released.
            JsonNode order = created(osei.post("/api/v1/lab/orders", obj().put("patientId", chinwe)
                    .put("priority", "ROUTINE").set("tests", Http.json().createArrayNode().add("K"))));
            for (JsonNode s : order.path("specimens")) {
                ok(tech1.post("/api/v1/lab/specimens/" + s.path("id").asText() + "/collect", obj()));
                ok(tech1.post("/api/v1/lab/specimens/" + s.path("id").asText() + "/receive", obj()));
            }
            String item = order.path("items").get(0).path("id").asText();
            JsonNode result = created(tech1.post("/api/v1/lab/items/" + item + "/result", obj().put("value", "4.2")
                    .put("unit", "mmol/L")));
            ok(tech2.post("/api/v1/lab/results/" + result.path("id").asText() + "/verify", obj()));

            // Pharmacy: 21 capsules of amoxicillin dispensed against Dr Osei's prescription.
            created(ama.post("/api/v1/pharmacy/stock/receipts", obj().put("storeCode", "MAIN")
                    .put("itemCode", "AMOX500").put("batchNumber", "AM-" + tag)
                    .put("expiryDate", LocalDate.now().plusYears(2).toString()).put("quantity", "100")
                    .put("reason", "Opening stock")));
            String prescription = created(osei.post("/api/v1/emr/records/" + chinwe + "/prescriptions", obj()
                    .put("drug", "Amoxicillin 500 mg capsule").put("drugCode", "AMOX500").put("dose", "500 mg")
                    .put("route", "ORAL").put("frequency", "every 8 h").put("durationDays", 7))).path("id").asText();
            Await.until("the prescription reaches the dispensing queue", BOUND, () -> assertEquals(200,
                    ama.get("/api/v1/pharmacy/prescriptions/" + prescription).status));
            int version = ok(ama.get("/api/v1/pharmacy/prescriptions/" + prescription)).path("version").asInt();
            ok(ama.put("/api/v1/pharmacy/prescriptions/" + prescription, obj().put("itemCode", "AMOX500")
                    .put("quantityPrescribed", "21").put("version", version)));
            JsonNode dispense = created(ama.post("/api/v1/pharmacy/prescriptions/" + prescription + "/dispenses",
                    obj().put("storeCode", "MAIN").put("quantity", "21")));

            // Billing charged each once, from the departments' events.
            JsonNode charges = null;
            for (long until = System.nanoTime() + BOUND.toNanos(); System.nanoTime() < until; Thread.sleep(250)) {
                charges = ok(cashier.get(API + "/charges?patientId=" + chinwe + "&size=50"));
                // Items and total are two reads: a charge committed between them shows in the total only.
                if (charges.path("total").asInt() >= 3 && charges.path("items").size() >= 3) {
                    break;
                }
            }
            assertEquals("charges " + charges + "; parked " + ok(cashier.get(API + "/parked-charges?size=50")), 3,
                    charges.path("total").asInt());
            assertEquals(charges.toString(), 3, charges.path("total").asInt());
            assertEquals(charges.toString(), 1, count(charges, "sourceType", "APPOINTMENT"));
            assertEquals(charges.toString(), 1, count(charges, "sourceType", "LAB"));
            assertEquals(charges.toString(), 1, count(charges, "sourceType", "PHARMACY"));

            // The dispense's event delivered a second time (a redelivery after a crash): still one charge.
            MedicationDispensed again = new MedicationDispensed();
            again.dispenseId = dispense.path("id").asText();
            again.prescriptionId = prescription;
            again.patientId = chinwe;
            again.itemCode = "AMOX500";
            again.quantity = "21";
            again.unit = "capsule";
            again.priceReference = "PH-AMOX500";
            again.storeCode = "MAIN";
            again.dispensedBy = "ph.santos";
            again.dispensedAt = java.time.Instant.now().toString();
            publish(MedicationDispensed.TYPE, "ph-prescription:" + prescription, again);
            Thread.sleep(3000); // the redelivery's chance to charge twice
            assertEquals(3, ok(cashier.get(API + "/charges?patientId=" + chinwe + "&size=50")).path("total").asInt());

            // The cashier invoices the visit: consultation 60 (insurer 40, Chinwe 10 + 10), potassium, 21 capsules.
            LocalDate today = LocalDate.now();
            JsonNode draft = created(cashier.post(API + "/invoices", obj().put("patientId", chinwe)
                    .put("from", today.minusDays(1).toString()).put("to", today.plusDays(2).toString())));
            assertEquals("DRAFT", draft.path("status").asText());
            assertEquals(3, draft.path("lines").size());
            BigDecimal gross = new BigDecimal(draft.path("grossTotal").asText());
            BigDecimal insuranceShare = new BigDecimal(draft.path("insuranceShare").asText());
            BigDecimal patientShare = new BigDecimal(draft.path("patientShare").asText());
            assertEquals(0, gross.compareTo(insuranceShare.add(patientShare)));
            JsonNode consultation = line(draft, "CONSULTATION");
            assertEquals(0, new BigDecimal("40.00").compareTo(new BigDecimal(consultation.path("insuranceShare")
                    .asText())));
            assertEquals(0, potassium.compareTo(new BigDecimal(line(draft, "LAB_TEST").path("insuranceShare")
                    .asText())));
            BigDecimal medicineGross = new BigDecimal(line(draft, "MEDICINE").path("gross").asText());
            assertEquals(0, amoxicillin.multiply(new BigDecimal("21")).setScale(2, java.math.RoundingMode.HALF_UP)
                    .compareTo(new BigDecimal(line(draft, "MEDICINE").path("net").asText())));
            assertTrue(medicineGross.toString(), medicineGross.signum() > 0);

            String invoice = draft.path("id").asText();
            JsonNode issued = ok(cashier.post(API + "/invoices/" + invoice + "/issue", obj()));
            assertEquals("ISSUED", issued.path("status").asText());
            assertTrue(issued.path("number").asText(), issued.path("number").asText().matches("INV-\\d{4}-\\d{6}"));

            // The insurer's share is claimed over FHIR and approved; its remittance is recorded.
            JsonNode claim = created(cashier.post(API + "/claims", obj().put("invoiceId", invoice)));
            assertEquals(claim.toString(), "APPROVED", claim.path("status").asText());
            assertEquals(0, insuranceShare.compareTo(new BigDecimal(claim.path("approvedAmount").asText())));
            created(cashier.post(API + "/payments", obj().put("invoiceId", invoice).put("method", "INSURANCE")
                    .put("amount", insuranceShare.toPlainString()).put("reference", "MUTUA-REMIT-" + tag)));

            // Bad input: more than Chinwe owes, a negative price, a claim for an uninsured patient's invoice.
            problem(422, cashier.post(API + "/payments", obj().put("invoiceId", invoice).put("method", "CASH")
                    .put("amount", patientShare.add(new BigDecimal("0.01")).toPlainString())));
            problem(422, admin.post(API + "/prices", obj().put("code", "NEG-" + tag).put("name", "Negative")
                    .put("category", "PROCEDURE").put("unitPrice", "-1.00").put("taxCategory", "EXEMPT")
                    .put("validFrom", "2020-01-01").put("active", true)));

            // Chinwe pays the rest in cash: paid; she reads her invoice in the portal, another patient cannot.
            JsonNode cash = created(cashier.post(API + "/payments", obj().put("invoiceId", invoice)
                    .put("method", "CASH").put("amount", patientShare.toPlainString())));
            assertTrue(cash.path("receiptNumber").asText().startsWith("RCPT-"));
            assertEquals("PAID", ok(cashier.get(API + "/invoices/" + invoice)).path("status").asText());
            assertEquals("PAID", ok(chinweAccount.get(API + "/portal/invoices/" + invoice)).path("status").asText());
            String yaw = registerPatient(admin, "Yaw", "Boateng" + tag, "MALE", "1966-03-02");
            Http yawAccount = createUser(admin, "yaw" + tag, "PATIENT", yaw);
            assertEquals(403, yawAccount.get(API + "/portal/invoices/" + invoice).status);
            assertEquals(403, yawAccount.get(API + "/invoices/" + invoice).status);

            // An uninsured patient's invoice is not claimed.
            created(cashier.post(API + "/charges", obj().put("patientId", yaw).put("priceCode", "LAB-K")
                    .put("quantity", "1")));
            String yawInvoice = created(cashier.post(API + "/invoices", obj().put("patientId", yaw)
                    .put("from", today.minusDays(1).toString()).put("to", today.plusDays(1).toString())))
                    .path("id").asText();
            ok(cashier.post(API + "/invoices/" + yawInvoice + "/issue", obj()));
            problem(422, cashier.post(API + "/claims", obj().put("invoiceId", yawInvoice)));
        }

        // The journal balances, and the PDF is a PDF.
        JsonNode trial = ok(admin.get(API + "/journal/trial-balance"));
        assertTrue(trial.toString(), trial.path("balanced").asBoolean());
        assertEquals(trial.toString(), 0, new BigDecimal(trial.path("debit").asText())
                .compareTo(new BigDecimal(trial.path("credit").asText())));
    }

    @Test
    public void t02_aRadiologySystemChargesByDftAndAnUnknownCodeIsParked() throws Exception {
        Http admin = ready();
        Http cashier = staff(admin, "bl.mwangi", "BILLING");
        String tag = tag();
        String kofi = registerPatient(admin, "Kofi", "Mensah" + tag, "MALE", "1959-11-30");
        created(admin.post(API + "/prices", obj().put("code", "XR-CHEST-" + tag).put("name", "Chest X-ray")
                .put("category", "PROCEDURE").put("unitPrice", "48.00").put("taxCategory", "EXEMPT")
                .put("validFrom", "2020-01-01").put("active", true)));

        String ack = hl7Client().send(dft(kofi, "ENC-" + tag, "XR-CHEST-" + tag, "TX-" + tag));
        assertEquals(ack, "AA", msa1(ack));
        // Sent again (the radiology system did not see our ACK): AA, nothing new.
        assertEquals("AA", msa1(hl7Client().send(dft(kofi, "ENC-" + tag, "XR-CHEST-" + tag, "TX-" + tag))));
        JsonNode charges = ok(cashier.get(API + "/charges?patientId=" + kofi));
        assertEquals(charges.toString(), 1, charges.path("total").asInt());
        assertEquals("HL7", charges.path("items").get(0).path("sourceType").asText());

        // A code the price list does not know: AE, and the charge waits in the parked list.
        String refused = hl7Client().send(dft(kofi, "ENC-" + tag, "XR-UNKNOWN-" + tag, "TX2-" + tag));
        assertEquals(refused, "AE", msa1(refused));
        JsonNode parked = ok(cashier.get(API + "/parked-charges?status=PARKED&size=200"));
        assertTrue(parked.toString(), parked.toString().contains("XR-UNKNOWN-" + tag));
    }

    @Test
    public void t03_billingWorksWithEveryOtherDepartmentUninstalled() throws Exception {
        Http admin = ready();
        Http cashier = staff(admin, "bl.mwangi", "BILLING");
        everyDepartmentItsOwnRootRequirement();
        String[] others = {"pavilion-scheduling", "pavilion-lab", "pavilion-pharmacy", "pavilion-emr"};
        for (String f : others) {
            withFeatures(s -> s.uninstallFeature(f, NO_REFRESH));
        }
        try {
            Await.until("the EMR is gone", BOUND, () -> assertEquals(404, admin.get("/api/v1/emr/patients").status));
            Await.until("billing still answers", BOUND, () -> assertEquals(200,
                    cashier.get(API + "/tax-categories").status));
            // A walk-in known by the id the desk typed: charged by hand, invoiced, paid.
            String walkIn = "WALKIN-" + UUID.randomUUID().toString().substring(0, 6);
            created(cashier.post(API + "/charges", obj().put("patientId", walkIn).put("priceCode", "BED-DAY-GENERAL")
                    .put("quantity", "2")));
            JsonNode invoice = created(cashier.post(API + "/invoices", obj().put("patientId", walkIn)
                    .put("from", LocalDate.now().minusDays(1).toString())
                    .put("to", LocalDate.now().plusDays(1).toString())));
            JsonNode issued = ok(cashier.post(API + "/invoices/" + invoice.path("id").asText() + "/issue", obj()));
            created(cashier.post(API + "/payments", obj().put("invoiceId", issued.path("id").asText())
                    .put("method", "CARD").put("reference", "SLIP-0042")
                    .put("amount", issued.path("patientShare").asText())));
            assertEquals("PAID", ok(cashier.get(API + "/invoices/" + issued.path("id").asText())).path("status")
                    .asText());
        } finally {
            for (String f : others) {
                withFeatures(s -> s.installFeature(f, NO_REFRESH));
            }
        }
        Await.until("the EMR is back", BOUND, () -> assertEquals(400, admin.get("/api/v1/emr/patients").status));
    }

    /** Publishes an event as a department would (the outbox, in a transaction of the platform's unit). */
    private void publish(String type, String subject, Object payload) throws Exception {
        EventPublisher publisher = awaitService(EventPublisher.class, null, BOUND);
        javax.persistence.EntityManagerFactory emf = awaitService(javax.persistence.EntityManagerFactory.class,
                "(osgi.unit.name=pavilion-core)", BOUND);
        javax.persistence.EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            publisher.publish(em, type, subject, payload);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    // ---- the hospital's set-up ----

    private Http ready() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("billing is published", BOOT_BOUND, () -> assertEquals(200,
                admin.get(API + "/tax-categories").status));
        return admin;
    }

    /** A staff account with one of the seeded roles (created once; later tests of the class sign in again). */
    private static Http staff(Http admin, String username, String role) throws Exception {
        ObjectNode user = obj().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertTrue(r.toString(), r.status == 201 || r.status == 409);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    /** A doctor of {@code specialty} offering CONSULT every day, 09:00-13:00. */
    private static String doctor(Http admin, String name, String specialty) throws Exception {
        Http.Response service = admin.post("/api/v1/scheduling/services", obj().put("code", "CONSULT")
                .put("name", "Consultation").put("slotMinutes", 20)
                .set("visitTypes", Http.json().createArrayNode().add("IN_PERSON")));
        assertTrue(service.toString(), service.status == 201 || service.status == 409);
        ObjectNode d = obj().put("displayName", name).put("title", "MD");
        d.putArray("specialties").add(specialty);
        d.putArray("languages").add("en");
        d.putArray("services").addObject().put("code", "CONSULT");
        String id = created(admin.post("/api/v1/scheduling/doctors", d)).path("id").asText();
        for (int weekday = 1; weekday <= 7; weekday++) {
            created(admin.post("/api/v1/scheduling/doctors/" + id + "/working-hours", obj().put("location", "OPD-1")
                    .put("weekday", weekday).put("start", "09:00").put("end", "13:00")
                    .put("validFrom", LocalDate.now().minusDays(1).toString())));
        }
        return id;
    }

    /** The unit price of a tariff code today. */
    private static BigDecimal price(Http clerk, String code) throws Exception {
        return new BigDecimal(ok(clerk.get(API + "/prices/quote?code=" + code)).path("unitPrice").asText());
    }

    private static JsonNode line(JsonNode invoice, String category) {
        for (JsonNode l : invoice.path("lines")) {
            if (category.equals(l.path("category").asText())) {
                return l;
            }
        }
        throw new AssertionError("no " + category + " line in " + invoice);
    }

    private static int count(JsonNode page, String field, String value) {
        int n = 0;
        for (JsonNode i : page.path("items")) {
            if (value.equals(i.path(field).asText())) {
                n++;
            }
        }
        return n;
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    /** A radiology system's charge: one FT1 of {@code code} for the patient's encounter. */
    private static String dft(String mrn, String encounter, String code, String transaction) {
        String day = LocalDate.now().toString().replace("-", "");
        return "MSH|^~\\&|RADIS|GENHOSP|PAVILION|GENHOSP|" + day + "0900||DFT^P03^DFT_P03|DFT-IT-"
                + CONTROL_IDS.incrementAndGet() + "-" + transaction + "|P|2.5\r"
                + "EVN|P03|" + day + "0900\r"
                + "PID|1||" + mrn + "^^^PAVILION^MR||Mensah^Kofi\r"
                + "PV1|1|O|||||||||||||||||" + encounter + "\r"
                + "FT1|1|" + transaction + "||" + day + "|" + day + "|CG|" + code + "^Imaging|||1\r";
    }
}
