package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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
 * Journey 6 (issue 25): the cashier's desk and the patient's bills in the browser. Fatou Ndiaye had her wound dressed
 * twice and a dressing kit used in one visit (encounter charges posted over REST, as a department's event would).
 * Cashier Haddad finds her by MRN at the desk, sees the open charges of the visit, creates its invoice, issues it,
 * takes the whole balance in cash and gets the receipt's PDF link; the day's till shows the cash. A second visit is
 * invoiced and issued over REST and left unpaid: on her phone, Fatou sees both bills in "My bills", the paid one as paid
 * and the other with its balance, its PDF and "Pay now". axe checks every page state on the way.
 */
public class BillingJourneyIT {

    private static final String API = "/api/v1/billing";
    private static final String CASHIER = "cash.haddad";
    private static final String PATIENT_USER = "fatou.ndiaye";
    /** A tariff code of this test's own (priced EXEMPT: the totals do not depend on the starter tax rates). */
    private static final String CODE = "ITEST-DRESSING";
    private static final String UNIT_PRICE = "35.00";

    private static WebPlatform platform;
    private static final Map<String, String> passwords = new HashMap<>();
    private static String mrn;
    private static String visit;
    private static String secondVisit;

    @BeforeClass
    public static void theCashDeskOpens() throws Exception {
        platform = WebPlatform.get();
        Await.until("billing's pages", WebPlatform.BOOT, () -> {
            String manifest = platform.admin().get("/api/v1/ui/manifest").body;
            assertTrue("no billing contribution in the manifest yet: " + manifest, manifest.contains("\"id\":\"billing\""));
        });
        Await.until("billing's REST resources", WebPlatform.BOOT, () -> {
            Http.Response r = platform.admin().get(API + "/prices?q=" + CODE);
            assertEquals(r.toString(), 200, r.status);
        });
        mrn = platform.registerPatient("Fatou", "Ndiaye", "1986-02-11", "FEMALE");
        visit = "ENC-" + mrn + "-1";
        secondVisit = "ENC-" + mrn + "-2";
        passwords.put(CASHIER, platform.createUser(CASHIER, "BILLING", null));
        passwords.put(PATIENT_USER, platform.createUser(PATIENT_USER, "PATIENT", mrn));

        // The administrator prices the dressing once (an installation kept from an earlier run has it already).
        JsonNode found = status(platform.admin().get(API + "/prices?q=" + CODE + "&active=true"), 200);
        if (found.path("total").asInt() == 0) {
            status(platform.admin().post(API + "/prices", obj().put("code", CODE).put("name", "Wound dressing (journey)")
                    .put("category", "PROCEDURE").put("unitPrice", UNIT_PRICE).put("taxCategory", "EXEMPT")
                    .put("validFrom", LocalDate.now().minusDays(30).toString()).put("active", true)), 201);
        }
        Http cashier = login(CASHIER);
        status(cashier.post(API + "/charges", charge(visit, "2")), 201);
        status(cashier.post(API + "/charges", charge(visit, "1")), 201);
    }

    @Test
    public void theCashierInvoicesAVisitTakesCashAndThePatientSeesHerBills() throws Exception {
        Axe axe = new Axe();
        String invoiceId;
        String receiptHref;

        // 1. The desk: the visit's open charges, its invoice, issued, paid in cash, the receipt.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", CASHIER, passwords.get(CASHIER));
            b.navTo("/billing/desk");
            assertEquals("Cashier's desk", b.heading());
            b.submit(b.fillForm("billing-desk-find", "patientId", mrn));
            WebElement group = b.until("the visit's open charges", d -> {
                List<WebElement> g = d.findElements(By.cssSelector(".bl-group[data-encounter='" + visit + "']"));
                return !g.isEmpty() && g.get(0).getText().contains(CODE) ? g.get(0) : null;
            });
            assertEquals(group.getText(), 2, group.findElements(By.cssSelector("tbody tr")).size());
            axe.check(b, "billing-desk-charges");

            b.clickInView(group.findElement(By.cssSelector("button.billing-create-invoice")));
            b.containing("#billing-invoice-title", "Draft invoice");
            b.containing("#billing-invoice-lines tbody", CODE);
            assertTrue(b.find("#billing-gross-total").getText(), b.find("#billing-gross-total").getText().contains("105.00"));
            b.until("the visit's charges invoiced", d -> d.findElements(
                    By.cssSelector(".bl-group[data-encounter='" + visit + "']")).isEmpty() ? true : null);
            axe.check(b, "billing-desk-draft");

            b.clickInView(b.clickable("#billing-issue"));
            String number = b.containing("#billing-invoice-title", "INV-").getText().replaceAll(".*(INV-\\S+).*", "$1");
            assertTrue(b.find("#billing-patient-balance").getText(), b.find("#billing-patient-balance").getText().contains("105.00"));
            axe.check(b, "billing-desk-issued");

            WebElement pay = b.visible("form#billing-payment-form");
            assertEquals("the whole balance is proposed, as the API wrote it", "105.00", b.valueOf(pay, "amount"));
            b.fill(pay, "method", "CASH");
            b.submit(pay);
            b.containing("#billing-receipt-title", "RCPT-");
            WebElement receipt = b.visible("#billing-receipt-link");
            receiptHref = receipt.getAttribute("href");
            assertTrue(receiptHref, receiptHref.matches(".*/api/v1/billing/receipts/[^/]+/pdf$"));
            b.containing("#billing-invoice .bl-facts", "Paid");
            b.containing("#billing-invoice-payments tbody", "Cash");
            b.containing("#billing-till", "105.00");
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));
            axe.check(b, "billing-desk-paid");
            b.screenshot("billing-desk-paid");

            JsonNode invoices = status(login(CASHIER).get(API + "/invoices?patientId=" + mrn), 200);
            JsonNode invoice = null;
            for (JsonNode i : invoices.path("items")) {
                if (number.equals(i.path("number").asText())) {
                    invoice = i;
                }
            }
            assertTrue("invoice " + number + " in " + invoices, invoice != null);
            invoiceId = invoice.path("id").asText();
            assertEquals(invoice.toString(), "PAID", invoice.path("status").asText());
            assertEquals(invoice.toString(), "105.00", invoice.path("grossTotal").asText());
            assertEquals(invoice.toString(), "0.00", invoice.path("patientBalance").asText());
        }
        // The receipt link is the API's PDF, readable with the cashier's session.
        Http.Response pdf = login(CASHIER).getAccepting(receiptHref.substring(receiptHref.indexOf("/api/v1/")),
                "application/pdf");
        assertEquals(pdf.toString().substring(0, Math.min(200, pdf.toString().length())), 200, pdf.status);
        assertTrue(pdf.contentType, pdf.contentType.startsWith("application/pdf"));
        assertTrue("a PDF", pdf.body.startsWith("%PDF"));

        // 2. A second visit, invoiced and issued at the desk's API, left unpaid.
        Http cashier = login(CASHIER);
        status(cashier.post(API + "/charges", charge(secondVisit, "1")), 201);
        JsonNode draft = status(cashier.post(API + "/invoices", obj().put("patientId", mrn).put("encounterId", secondVisit)), 201);
        JsonNode unpaid = status(cashier.post(API + "/invoices/" + draft.path("id").asText() + "/issue", obj()), 200);
        String unpaidId = unpaid.path("id").asText();
        String unpaidNumber = unpaid.path("number").asText();

        // 3. Fatou on her phone: the home card, then "My bills" with the paid bill and the one to pay.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.size(Browser.PHONE);
            b.openSignedIn("/portal", PATIENT_USER, passwords.get(PATIENT_USER));
            b.visible("#portal-cards");
            b.containing("billing-portal-card", unpaidNumber);
            axe.check(b, "portal-home-bills");

            b.follow("/portal/bills");
            assertEquals("My bills", b.heading());
            WebElement toPay = b.until("the unpaid bill", d -> {
                List<WebElement> li = d.findElements(By.cssSelector("#billing-portal-bills li[data-id='" + unpaidId + "']"));
                return li.isEmpty() ? null : li.get(0);
            });
            assertTrue(toPay.getText(), toPay.getText().contains(unpaidNumber));
            assertTrue(toPay.getText(), toPay.getText().contains("35.00"));
            WebElement payNow = toPay.findElement(By.cssSelector("button.bl-pay"));
            assertTrue(payNow.getText(), payNow.isDisplayed() && payNow.getText().startsWith("Pay"));
            assertTrue(toPay.findElement(By.cssSelector("a.bl-pdf")).getAttribute("href")
                    .endsWith("/api/v1/billing/portal/documents/" + unpaidId + "/pdf"));
            WebElement paid = b.find("#billing-portal-bills li[data-id='" + invoiceId + "']");
            assertTrue(paid.getText(), paid.getText().contains("Paid"));
            assertTrue("no pay button on a paid bill", paid.findElements(By.cssSelector("button.bl-pay")).isEmpty());
            assertTrue("the bills fit 360 px: " + b.js("return document.documentElement.scrollWidth;"),
                    ((Number) b.js("return document.documentElement.scrollWidth;")).intValue() <= 360);
            axe.check(b, "portal-bills");
            b.screenshot("billing-portal-bills");
            String storage = b.webStorage();
            assertFalse("patient data in web storage: " + storage, storage.contains(mrn));
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));

            // Pay now: the provider's checkout page when online payment is on, else the API's reason in the alert.
            String before = b.address();
            b.clickInView(payNow);
            b.until("the checkout page or the reason it is not offered", d -> !b.address().equals(before)
                    || !d.findElements(By.cssSelector("#billing-portal-error")).stream()
                            .filter(e -> !e.getText().isBlank()).findAny().isEmpty() ? true : null);
        }
        axe.assertNone();
    }

    private static ObjectNode charge(String encounter, String quantity) {
        return obj().put("patientId", mrn).put("encounterId", encounter).put("priceCode", CODE).put("quantity", quantity)
                .put("serviceDate", LocalDate.now().toString());
    }

    private static Http login(String user) throws Exception {
        return Http.login(platform.baseUrl(), user, passwords.get(user));
    }

    private static JsonNode status(Http.Response r, int... expected) throws Exception {
        for (int e : expected) {
            if (r.status == e) {
                return r.body == null || r.body.isBlank() ? Http.json().createObjectNode() : r.json();
            }
        }
        throw new AssertionError("expected " + java.util.Arrays.toString(expected) + ": " + r);
    }

    private static ObjectNode obj() {
        return Http.json().createObjectNode();
    }
}
