package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Journey 5 (issue 24): a pharmacy's morning in the browser. Pharmacist Okafor books the opening stock of amoxicillin
 * into the main pharmacy, two batches, and sees the one expiring within the expiry window in amber and the other in
 * date. Dr Mensah prescribes amoxicillin for Joseph Asante in the EMR (over REST); the prescription reaches the
 * dispensing queue. The pharmacist opens it, finds the item in the catalogue, sets 21 capsules, dispenses, and sees
 * the batch taken (the first to expire) and the main pharmacy's stock down by 21. axe checks every page on the way.
 */
public class PharmacyJourneyIT {

    private static final String API = "/api/v1/pharmacy";
    private static final String PHARMACIST = "ph.okafor";
    private static final String DOCTOR = "dr.mensah";
    private static final String STORE = "MAIN";
    /** An item of this test's own, so the starter catalogue's amoxicillin and other journeys' stock stay apart. */
    private static final String ITEM = "ITEST-AMOX-500";
    private static final String SOON_BATCH = "AMX-SOON-01";
    private static final String LATER_BATCH = "AMX-LATER-02";

    private static WebPlatform platform;
    private static final Map<String, String> passwords = new HashMap<>();
    private static String mrn;
    private static BigDecimal stockBefore;

    @BeforeClass
    public static void aPharmacyOpens() throws Exception {
        platform = WebPlatform.get();
        Await.until("the pharmacy's pages", WebPlatform.BOOT, () -> {
            String manifest = platform.admin().get("/api/v1/ui/manifest").body;
            assertTrue("no pharmacy contribution in the manifest yet: " + manifest,
                    manifest.contains("\"id\":\"pharmacy\""));
        });
        Await.until("the pharmacy's REST resources", WebPlatform.BOOT, () -> {
            Http.Response r = platform.admin().get(API + "/stores");
            assertEquals(r.toString(), 200, r.status);
        });
        passwords.put(PHARMACIST, platform.createUser(PHARMACIST, "PHARMACIST", null));
        passwords.put(DOCTOR, platform.createUser(DOCTOR, "DOCTOR", null));
        mrn = platform.registerPatient("Joseph", "Asante", "1971-09-03", "MALE");

        Http pharmacist = login(PHARMACIST);
        // The dispensing store of the starter catalogue; made here only if the catalogue has none.
        if (pharmacist.get(API + "/stores/" + STORE).status == 404) {
            status(pharmacist.put(API + "/stores/" + STORE, obj().put("code", STORE).put("name", "Main pharmacy")
                    .put("kind", "PHARMACY").put("dispensing", true).put("active", true)), 200, 201);
        }
        if (pharmacist.get(API + "/items/" + ITEM).status == 404) {
            ObjectNode item = obj().put("code", ITEM).put("name", "Amoxicillin 500 mg capsule (journey)")
                    .put("kind", "MEDICINE").put("genericName", "amoxicillin").put("strength", "500 mg")
                    .put("form", "capsule").put("atcCode", "J01CA04").put("unitOfIssue", "capsule")
                    .put("expiryRequired", true).put("active", true);
            item.putArray("packs").addObject().put("name", "Box of 21").put("units", 21);
            status(pharmacist.put(API + "/items/" + ITEM, item), 200, 201);
        }
        Http.Response stock = pharmacist.get(API + "/stock/" + STORE + "/" + ITEM);
        stockBefore = stock.status == 200 ? new BigDecimal(stock.json().path("onHand").asText("0")) : BigDecimal.ZERO;
    }

    @Test
    public void openingStockThenAPrescriptionDispensedFirstExpiryFirst() throws Exception {
        Axe axe = new Axe();
        LocalDate today = LocalDate.now();

        // 1. The opening stock: 100 capsules expiring in 45 days (inside the 90-day window), 200 in over a year.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", PHARMACIST, passwords.get(PHARMACIST));
            b.navTo("/pharmacy/stock");
            assertEquals("Pharmacy stock", b.heading());
            b.submit(stockFilter(b));
            b.clickInView(b.clickable("#pharmacy-open-receive"));
            receive(b, SOON_BATCH, today.plusDays(45), "100");
            axe.check(b, "pharmacy-stock-receive");
            receive(b, LATER_BATCH, today.plusDays(400), "200");

            WebElement row = stockRow(b, stockBefore.add(new BigDecimal("300")));
            WebElement soon = batchBadge(row, SOON_BATCH);
            assertEquals("EXPIRING", soon.getAttribute("data-expiry"));
            assertTrue(soon.getAttribute("class"), soon.getAttribute("class").contains("ph-expiry-expiring"));
            assertTrue(soon.getText(), soon.getText().contains("expiring soon"));
            WebElement later = batchBadge(row, LATER_BATCH);
            assertEquals("OK", later.getAttribute("data-expiry"));
            assertTrue(later.getAttribute("class"), later.getAttribute("class").contains("ph-expiry-ok"));
            assertFalse("amber and green differ: " + b.js("return getComputedStyle(arguments[0]).backgroundColor;", soon),
                    b.js("return getComputedStyle(arguments[0]).backgroundColor;", soon)
                            .equals(b.js("return getComputedStyle(arguments[0]).backgroundColor;", later)));
            axe.check(b, "pharmacy-stock");
            b.screenshot("pharmacy-stock-expiry");
        }
        JsonNode line = status(login(PHARMACIST).get(API + "/stock/" + STORE + "/" + ITEM), 200);
        assertEquals(0, stockBefore.add(new BigDecimal("300")).compareTo(new BigDecimal(line.path("onHand").asText())));

        // 2. Dr Mensah prescribes in the EMR; the pharmacy queues it from the PrescriptionIssued event.
        JsonNode issued = status(login(DOCTOR).post("/api/v1/emr/records/" + mrn + "/prescriptions", obj()
                .put("drug", "Amoxicillin 500 mg capsules").put("dose", "500 mg").put("route", "oral")
                .put("frequency", "three times daily").put("durationDays", 7)
                .put("instructions", "Finish the course")), 201);
        String prescription = issued.path("id").asText();
        Await.until("the prescription in the pharmacy's queue", Duration.ofSeconds(30), () -> {
            JsonNode queue = status(login(PHARMACIST).get(API + "/queue?patientId=" + mrn), 200);
            assertTrue(queue.toString(), queue.toString().contains(prescription));
        });

        // 3. The pharmacist opens it from the queue, matches it, sets 21 capsules and dispenses.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", PHARMACIST, passwords.get(PHARMACIST));
            b.navTo("/pharmacy/queue");
            assertEquals("Dispensing queue", b.heading());
            WebElement row = rowOf(b, "#pharmacy-queue-table tbody tr", mrn, "Amoxicillin");
            assertTrue(row.getText(), row.getText().contains("Pending"));
            axe.check(b, "pharmacy-queue");
            b.clickInView(row.findElement(By.xpath(".//button[normalize-space()='Open']")));
            b.containing("#pharmacy-rx-title", mrn);

            WebElement search = b.fillForm("pharmacy-item-search", "q", ITEM);
            b.submit(search);
            b.clickInView(b.containing("#pharmacy-item-results button", ITEM));
            b.containing("#pharmacy-match-form .ph-chosen", ITEM);
            WebElement match = b.fillForm("pharmacy-match-form", "quantityPrescribed", "21");
            axe.check(b, "pharmacy-queue-match");
            b.submit(match);

            WebElement dispense = b.visible("form#pharmacy-dispense-form");
            b.fill(dispense, "storeCode", STORE);
            assertEquals("the quantity left is proposed", "21", b.valueOf(dispense, "quantity"));
            b.submit(dispense);
            WebElement taken = b.containing("#pharmacy-dispense-batches tbody", SOON_BATCH);
            assertFalse("first expiry first out: " + taken.getText(), taken.getText().contains(LATER_BATCH));
            assertTrue(taken.getText(), taken.getText().contains("21"));
            b.containing("#pharmacy-rx-dispenses tbody", SOON_BATCH);
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));
            axe.check(b, "pharmacy-dispensed");
            b.screenshot("pharmacy-dispensed");

            // 4. The stock page: 21 fewer on hand, all from the batch that expires first.
            b.navTo("/pharmacy/stock");
            b.submit(stockFilter(b, "q", ITEM));
            WebElement after = stockRow(b, stockBefore.add(new BigDecimal("279")));
            assertTrue(after.getText(), after.getText().contains(SOON_BATCH + ": 79"));
            assertTrue(after.getText(), after.getText().contains(LATER_BATCH + ": 200"));
        }

        Http pharmacist = login(PHARMACIST);
        JsonNode rx = status(pharmacist.get(API + "/prescriptions/" + prescription), 200);
        assertEquals(rx.toString(), "DISPENSED", rx.path("status").asText());
        assertEquals(rx.toString(), ITEM, rx.path("itemCode").asText());
        JsonNode dispensed = rx.path("dispenses").path(0);
        assertEquals(dispensed.toString(), PHARMACIST, dispensed.path("dispensedBy").asText());
        assertEquals(dispensed.toString(), SOON_BATCH, dispensed.path("batches").path(0).path("batchNumber").asText());
        JsonNode after = status(pharmacist.get(API + "/stock/" + STORE + "/" + ITEM), 200);
        assertEquals(after.toString(), 0,
                stockBefore.add(new BigDecimal("279")).compareTo(new BigDecimal(after.path("onHand").asText())));
        axe.assertNone();
    }

    /** The stock page's filter set to the main pharmacy (once the stores have loaded into it) and more fields. */
    private static WebElement stockFilter(Browser b, String... more) {
        b.until("the stores in the stock filter", d -> d.findElements(
                By.cssSelector("#pharmacy-stock-store option[value='" + STORE + "']")).isEmpty() ? null : true);
        WebElement form = b.fillForm("pharmacy-stock-filter", "store", STORE);
        for (int i = 0; i < more.length; i += 2) {
            b.fill(form, more[i], more[i + 1]);
        }
        return form;
    }

    /** Fills and sends the open receive form once, and waits for the posted movement to be reported under it. */
    private static void receive(Browser b, String batch, LocalDate expiry, String quantity) {
        WebElement form = b.fillForm("pharmacy-receive-form", "storeCode", STORE, "itemCode", ITEM,
                "batchNumber", batch, "expiryDate", expiry.toString(), "quantity", quantity);
        b.submit(form);
        b.containing("[aria-labelledby=pharmacy-move-title] [role=status]", batch);
    }

    /** The item's row on the stock page once its on-hand reads {@code onHand} (the list reloads after each move). */
    private static WebElement stockRow(Browser b, BigDecimal onHand) {
        String shown = onHand.stripTrailingZeros().toPlainString();
        return b.until("the stock of " + ITEM + " at " + shown, d -> {
            for (WebElement r : d.findElements(By.cssSelector("#pharmacy-stock-table tbody tr"))) {
                if (ITEM.equals(r.getAttribute("data-item"))) {
                    String cell = r.findElement(By.cssSelector(".ph-on-hand")).getText().replace(",", "");
                    return cell.startsWith(shown + " ") || cell.equals(shown) ? r : null;
                }
            }
            return null;
        });
    }

    private static WebElement batchBadge(WebElement row, String batch) {
        for (WebElement li : row.findElements(By.cssSelector("ul.ph-batches li"))) {
            if (li.getText().startsWith(batch + ":")) {
                return li.findElement(By.cssSelector(".ph-expiry"));
            }
        }
        throw new AssertionError("no batch " + batch + " in " + row.getText());
    }

    /** The first row of {@code css} whose text holds every one of {@code texts}, once it is there. */
    private static WebElement rowOf(Browser b, String css, String... texts) {
        return b.until(css + " with " + List.of(texts), d -> {
            for (WebElement r : d.findElements(By.cssSelector(css))) {
                String text = r.getText();
                if (List.of(texts).stream().allMatch(text::contains)) {
                    return r;
                }
            }
            return null;
        });
    }

    private static Http login(String user) throws Exception {
        return Http.login(platform.baseUrl(), user, passwords.get(user));
    }

    private static JsonNode status(Http.Response r, int... expected) throws Exception {
        for (int e : expected) {
            if (r.status == e) {
                return r.json();
            }
        }
        throw new AssertionError("expected " + java.util.Arrays.toString(expected) + ": " + r);
    }

    private static ObjectNode obj() {
        return Http.json().createObjectNode();
    }
}
