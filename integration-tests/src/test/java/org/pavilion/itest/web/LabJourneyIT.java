package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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
 * Journey 4 (issue 23): a laboratory's day in the browser. Dr Haddad has ordered a routine glucose and, later, a
 * STAT potassium for Amara Diallo, whose potassium was normal last time; both tubes are in the lab. Technician Marta
 * opens the worklist (the STAT potassium above the older routine glucose), types 7.1 mmol/L and sees "HH" and
 * "critical" before she saves; her colleague Jonas verifies it from the list below (she may not); Dr Haddad finds
 * it first in her results inbox and acknowledges it with a note, then reads it with its flag and the trend on the
 * chart's lab tab; Amara reads it in the portal in plain words. axe checks every page on the way.
 */
public class LabJourneyIT {

    private static final String API = "/api/v1/lab";
    private static final String DOCTOR = "dr.haddad";
    private static final String MARTA = "tech.marta";
    private static final String JONAS = "tech.jonas";
    private static final String PATIENT = "amara.diallo";

    private static WebPlatform platform;
    private static final Map<String, String> passwords = new java.util.HashMap<>();
    private static String mrn;
    private static String routineOrder;
    private static String statOrder;
    private static String potassiumItem;
    private static String earlierResult;

    @BeforeClass
    public static void aMorningInTheLab() throws Exception {
        platform = WebPlatform.get();
        // The departments' REST resources are up (WebPlatform); the laboratory's pages may follow a moment later.
        Await.until("the laboratory's pages", WebPlatform.BOOT, () -> {
            String manifest = platform.admin().get("/api/v1/ui/manifest").body;
            // The manifest lists the pages the caller may open (the admin none of the lab's clinical ones).
            assertTrue("no lab contribution in the manifest yet: " + manifest, manifest.contains("\"id\":\"lab\""));
        });
        for (String[] u : new String[][] {{DOCTOR, "DOCTOR"}, {MARTA, "LAB_TECHNICIAN"}, {JONAS, "LAB_TECHNICIAN"}}) {
            passwords.put(u[0], platform.createUser(u[0], u[1], null));
        }
        mrn = platform.registerPatient("Amara", "Diallo", "1968-02-17", "FEMALE");
        passwords.put(PATIENT, platform.createUser(PATIENT, "PATIENT", mrn));
        Http doctor = login(DOCTOR);
        Http marta = login(MARTA);
        Http jonas = login(JONAS);

        // Last month's potassium, normal: the trend's first point (entered by Jonas, verified and released by Marta).
        JsonNode earlier = order(doctor, "ROUTINE", "K");
        collectAndReceive(marta, earlier);
        JsonNode entered = status(201, jonas.post(API + "/items/" + item(earlier, "K") + "/result",
                obj().put("value", "4.2").put("unit", "mmol/L")));
        assertEquals(entered.toString(), "N", entered.path("flag").asText());
        earlierResult = entered.path("id").asText();
        assertEquals("RELEASED", status(200, marta.post(API + "/results/" + earlierResult + "/verify", obj()))
                .path("status").asText());

        // Today: a routine glucose first, then (weak, on an ACE inhibitor) a STAT potassium; both tubes received.
        JsonNode glucose = order(doctor, "ROUTINE", "GLU");
        JsonNode potassium = order(doctor, "STAT", "K");
        routineOrder = glucose.path("orderNumber").asText();
        statOrder = potassium.path("orderNumber").asText();
        potassiumItem = item(potassium, "K");
        collectAndReceive(marta, glucose);
        collectAndReceive(marta, potassium);
    }

    @Test
    public void aCriticalPotassiumFromTheBenchToTheDoctorAndThePatient() throws Exception {
        Axe axe = new Axe();

        // 1. Marta's worklist: the STAT potassium above the routine glucose placed before it.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", MARTA, passwords.get(MARTA));
            b.navTo("/lab/worklist");
            assertEquals("Laboratory worklist", b.heading());
            b.containing("#lab-worklist-table tbody", routineOrder);
            List<WebElement> rows = b.all("#lab-worklist-table tbody tr");
            int stat = rowIndex(rows, statOrder);
            int routine = rowIndex(rows, routineOrder);
            assertTrue("STAT first: potassium at row " + stat + ", glucose at row " + routine, stat < routine);
            assertPriorityOrder(rows);
            axe.check(b, "lab-worklist");

            // She types 7.1: the flag shows while she types, nothing stored yet.
            WebElement row = rows.get(stat);
            b.clickInView(row.findElement(By.xpath(".//button[normalize-space()='Enter result']")));
            b.visible("form#lab-entry-form");
            b.visible("#lab-entry-value").sendKeys("7.1");
            WebElement flag = b.containing("#lab-entry-flag", "HH");
            assertTrue("critical before saving: " + flag.getText(), flag.getText().contains("critical"));
            assertEquals("a live region announces the flag", "polite", flag.getAttribute("aria-live"));
            JsonNode typed = currentResult(login(MARTA));
            assertTrue("nothing saved while typing: " + typed, typed.isMissingNode() || typed.isNull());
            axe.check(b, "lab-worklist-entry-critical");
            b.js("arguments[0].scrollIntoView({block: 'center'});", flag);
            b.screenshot("lab-entry-critical");
            b.submit(b.find("form#lab-entry-form"));
            b.until("the entry form closes", d -> d.findElements(By.id("lab-entry-form")).isEmpty() ? true : null);
            JsonNode saved = currentResult(login(MARTA));
            assertEquals(saved.toString(), "ENTERED", saved.path("status").asText());
            assertEquals(saved.toString(), "HH", saved.path("flag").asText());
            assertEquals(MARTA, saved.path("enteredBy").asText());
            // Four eyes: on a fresh look at the page, her own result is not offered to her for verification.
            b.go("/lab/worklist");
            rowOf(b, "#lab-worklist-table tbody tr", statOrder, "Resulted");
            b.until("the verification list loaded", d -> !d.findElements(By.id("lab-verify-table")).isEmpty()
                    || b.find("[aria-labelledby=lab-verify-title]").getText().contains("No result waits") ? true : null);
            assertFalse("Marta is offered her own result to verify", b.present("#lab-verify-table")
                    && b.find("#lab-verify-table").getText().contains(mrn));
        }

        // 2. Jonas verifies it from the list under his worklist (which releases it).
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", JONAS, passwords.get(JONAS));
            b.navTo("/lab/worklist");
            WebElement row = b.containing("#lab-verify-table tbody tr", mrn);
            assertTrue(row.getText(), row.getText().contains("Potassium") && row.getText().contains("HH")
                    && row.getText().contains(MARTA));
            axe.check(b, "lab-worklist-verify");
            b.clickInView(row.findElement(By.xpath(".//button[normalize-space()='Verify']")));
            b.until("the potassium leaves the verification list", d -> {
                List<WebElement> t = d.findElements(By.id("lab-verify-table"));
                return t.isEmpty() || !t.get(0).getText().contains(mrn) ? true : null;
            });
            JsonNode released = currentResult(login(JONAS));
            assertEquals(released.toString(), "RELEASED", released.path("status").asText());
            assertEquals(JONAS, released.path("verifiedBy").asText());
        }

        // 3. Dr Haddad: the critical first in her inbox, acknowledged with a note; then the chart's lab tab.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", DOCTOR, passwords.get(DOCTOR));
            b.navTo("/lab/inbox");
            assertEquals("Lab results inbox", b.heading());
            b.containing("#lab-inbox-table tbody", mrn);
            List<WebElement> rows = b.all("#lab-inbox-table tbody tr");
            int critical = -1;
            for (int i = 0; i < rows.size() && critical < 0; i++) {
                String text = rows.get(i).getText();
                assertTrue("a result that is not critical above the critical potassium: " + text,
                        rows.get(i).getAttribute("class").contains("lab-row-critical"));
                if (text.contains(mrn) && text.contains("HH")) {
                    critical = i;
                }
            }
            WebElement row = rows.get(critical);
            assertTrue(row.getText(), row.getText().contains("Potassium") && row.getText().contains("critical"));
            axe.check(b, "lab-inbox");
            b.screenshot("lab-inbox");
            b.clickInView(row.findElement(By.xpath(".//button[normalize-space()='Acknowledge']")));
            WebElement ack = b.fillForm("lab-ack-form", "note", "Called the ward: ECG and repeat potassium now");
            axe.check(b, "lab-inbox-acknowledge");
            b.submit(ack);
            b.until("the acknowledgement form closes", d -> d.findElements(By.id("lab-ack-form")).isEmpty() ? true : null);
            rowOf(b, "#lab-inbox-table tbody tr", mrn, "HH", "Acknowledged");
            assertTrue("no Acknowledge button left on the potassium", rowOf(b, "#lab-inbox-table tbody tr", mrn, "HH")
                    .findElements(By.tagName("button")).isEmpty());
            JsonNode open = status(200, login(DOCTOR).get(API + "/critical?mine=false&size=200"));
            assertFalse("the alert is still open: " + open, open.toString().contains(currentResult(login(DOCTOR))
                    .path("id").asText()));

            // The chart: the lab tab shows the result with its flag and draws the trend of both potassiums.
            b.navTo("/patients");
            b.visible("input#patient-search").sendKeys("Diallo");
            b.clickInView(b.containing("#patient-results a, #patient-results button", mrn));
            b.containing("#chart-header", mrn);
            b.clickInView(b.visible("#tab-c-lab-chart"));
            WebElement result = rowOf(b, "#lab-chart-results tbody tr", "Potassium", "HH");
            assertTrue(result.getText(), result.getText().contains("critical"));
            b.until("two potassium points in the trend table",
                    d -> d.findElements(By.cssSelector("#lab-chart-trend-table tbody tr")).size() == 2 ? true : null);
            assertDrawn(b, "#lab-chart-trend canvas");
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));
            axe.check(b, "chart-lab");
            b.screenshot("chart-lab");
        }

        // 4. Amara reads it in the portal on her phone: in plain words, not the lab's letters.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.size(Browser.PHONE);
            b.openSignedIn("/portal", PATIENT, passwords.get(PATIENT));
            b.visible("#portal-cards");
            axe.check(b, "portal-home-with-lab-card");
            b.follow("/portal/results");
            assertEquals("My lab results", b.heading());
            WebElement row = rowOf(b, "#lab-portal-table tbody tr", "Potassium", "7.1");
            assertTrue(row.getText(), row.getText().contains("well above the normal range"));
            String table = b.find("#lab-portal-table").getText();
            assertFalse("the lab's letters in the patient's table: " + table, table.matches("(?s).*\\bHH\\b.*"));
            assertFalse("jargon in the patient's table: " + table, table.contains("critical"));
            assertDrawn(b, "#lab-portal-trend canvas");
            assertTrue("the results fit 360 px: " + b.js("return document.documentElement.scrollWidth;"),
                    ((Number) b.js("return document.documentElement.scrollWidth;")).intValue() <= 360);
            assertEquals("the plain words without sideways scrolling on a phone", Boolean.TRUE, b.js("const w ="
                    + " document.querySelector('#lab-portal-table').closest('.table-wrap');"
                    + "return w.scrollWidth <= w.clientWidth;"));
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));
            axe.check(b, "portal-results");
            b.screenshot("portal-results");
            b.js("arguments[0].scrollIntoView();", b.find("#lab-portal-trend"));
            b.screenshot("portal-results-trend");
        }
        axe.assertNone();
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

    /** The trend's canvas is on screen with a size and something drawn on it (uPlot draws when data arrived). */
    private static void assertDrawn(Browser b, String css) {
        WebElement canvas = b.visible(css);
        assertTrue(css + " has a size", canvas.getSize().getWidth() > 0 && canvas.getSize().getHeight() > 0);
        b.until(css + " shows a drawing", d -> Boolean.TRUE.equals(b.js("const c = arguments[0];"
                + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "for (let i = 3; i < px.length; i += 4) { if (px[i] !== 0) return true; } return false;", canvas))
                ? true : null);
    }

    private static int rowIndex(List<WebElement> rows, String orderNumber) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(orderNumber)) {
                return i;
            }
        }
        throw new AssertionError("order " + orderNumber + " not on the worklist page");
    }

    /** Every STAT row above every urgent one, every urgent one above every routine one. */
    private static void assertPriorityOrder(List<WebElement> rows) {
        List<String> ranks = List.of("STAT", "Urgent", "Routine");
        int last = 0;
        for (WebElement r : rows) {
            String priority = r.findElement(By.cssSelector("td")).getText().trim();
            int rank = ranks.indexOf(priority);
            assertTrue("unknown priority " + priority, rank >= 0);
            assertTrue("a " + priority + " row below a " + ranks.get(last) + " one", rank >= last);
            last = rank;
        }
    }

    /** The potassium item's current result as the API tells it (missing before anything was entered). */
    private static JsonNode currentResult(Http caller) throws Exception {
        JsonNode order = status(200, caller.get(API + "/orders/" + statOrder));
        for (JsonNode i : order.path("items")) {
            if (potassiumItem.equals(i.path("id").asText())) {
                return i.path("result");
            }
        }
        throw new AssertionError("no potassium item in " + order);
    }

    private static Http login(String user) throws Exception {
        return Http.login(platform.baseUrl(), user, passwords.get(user));
    }

    private static JsonNode order(Http doctor, String priority, String test) throws Exception {
        ObjectNode body = obj().put("patientId", mrn).put("priority", priority)
                .put("clinicalNote", "Weakness, on an ACE inhibitor");
        body.putArray("tests").add(test);
        return status(201, doctor.post(API + "/orders", body));
    }

    private static void collectAndReceive(Http tech, JsonNode order) throws Exception {
        for (JsonNode s : order.path("specimens")) {
            String id = s.path("id").asText();
            assertEquals("COLLECTED", status(200, tech.post(API + "/specimens/" + id + "/collect", obj()))
                    .path("status").asText());
            assertEquals("RECEIVED", status(200, tech.post(API + "/specimens/" + id + "/receive", obj()))
                    .path("status").asText());
        }
    }

    private static String item(JsonNode order, String test) {
        for (JsonNode i : order.path("items")) {
            if (test.equals(i.path("testCode").asText())) {
                return i.path("id").asText();
            }
        }
        throw new AssertionError("no item " + test + " in " + order);
    }

    private static JsonNode status(int expected, Http.Response r) throws Exception {
        assertEquals(r.toString(), expected, r.status);
        return r.json();
    }

    private static ObjectNode obj() {
        return Http.json().createObjectNode();
    }
}
