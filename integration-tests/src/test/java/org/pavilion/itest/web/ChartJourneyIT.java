package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Journey 2 (issue #21): a doctor finds a patient and opens the chart, records an allergy and a prescription, and
 * sees the allergy banner on another tab. Issue #20 on the same pages: the doctor restricts a record, breaks the
 * glass to go on, sees its contact data marked withheld (a doctor does not hold the contact privilege), and lifts
 * the restriction through the reason dialog, which shows the server's refusal of an empty reason; an administrator
 * unlocks an account that failed sign-ins locked, on the users page.
 */
public class ChartJourneyIT {

    private static WebPlatform platform;
    private static String password;
    private static String mrn;
    private static String vipMrn;
    private static final String VIP_PHONE = "+47 912 34 567";
    private static final String VIP_NATIONAL_ID = "HALV771203";
    /** Sorts before "admin": the users page lists accounts by name, a page at a time. */
    private static final String LOCKED_USER = "a.locked.nurse";
    /** Failed sign-ins come from another loopback address, so the browser's own (127.0.0.1) is not throttled. */
    private static final String GUESSING_ADDRESS = "127.0.0.3";

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        password = platform.createUser("dr.adeyemi", "DOCTOR", null);
        mrn = platform.registerPatient("Tomasz", "Wieczorek", "1961-11-02", "MALE");
        ObjectNode vip = Http.json().createObjectNode().put("givenName", "Ingrid").put("familyName", "Halvorsrud")
                .put("birthDate", "1958-07-19").put("sex", "FEMALE").put("nationalId", VIP_NATIONAL_ID);
        vip.putArray("phones").add(VIP_PHONE);
        Http.Response r = platform.admin().post("/api/v1/emr/patients?confirmDuplicate=true", vip);
        assertEquals(r.toString(), 201, r.status);
        vipMrn = r.json().path("mrn").asText();
    }

    @Test
    public void aDoctorRestrictsARecordSeesItsContactDataWithheldAndLiftsItWithAReason() throws Exception {
        Axe axe = new Axe();
        String lifting = "Patient consented at the ward desk, form on file";
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", "dr.adeyemi", password);
            b.navTo("/patients");
            b.visible("input#patient-search").sendKeys("Halvorsrud");
            b.clickInView(b.containing("#patient-results a, #patient-results button", vipMrn));
            b.containing("#chart-header", vipMrn);
            b.containing("#panel-summary", VIP_PHONE); // not restricted yet: the doctor sees the phone

            // Restricting needs no reason; going on in the record then means breaking the glass.
            b.clickInView(b.visible("#restrict-record"));
            WebElement glass = b.fillForm("break-glass-form", "reason", "Following up the admission of this morning");
            b.submit(glass);
            b.visible("#emergency-access");
            b.containing("#chart-header", "Restricted");

            // The doctor lacks emr.patient.restricted.contact.read: contact data are marked withheld, not empty.
            b.visible("#panel-summary [data-withheld=phones]");
            b.visible("#panel-summary [data-withheld=nationalId]");
            assertFalse("phone shown without the privilege", b.find("#panel-summary").getText().contains(VIP_PHONE));
            axe.check(b, "chart-withheld");
            // Asked for on purpose (emergency access of its own), they are shown.
            b.clickInView(b.visible("#reveal-contacts"));
            b.containing("#panel-summary", VIP_PHONE);

            // Lifting asks for the reason in a dialog; without one the server's refusal shows there.
            b.clickInView(b.visible("#lift-restriction"));
            WebElement dialog = b.visible("#lift-restriction-dialog");
            assertEquals("true", b.find("#lift-restriction-reason").getAttribute("aria-required"));
            axe.check(b, "chart-lift-restriction");
            b.submit(dialog);
            b.until("the refusal of an empty reason", d -> d.findElement(By.id("lift-restriction-error")).getText()
                    .contains("reason") ? true : null);
            assertEquals("true", b.find("#lift-restriction-reason").getAttribute("aria-invalid"));
            b.fill(b.find("#lift-restriction-form"), "reason", lifting);
            b.submit(b.find("#lift-restriction-form"));
            b.visible("#restrict-record");
            b.until("the dialog closed", d -> d.findElement(By.id("lift-restriction-dialog")).isDisplayed() ? null : true);
            assertFalse("no emergency access once lifted", b.present("#emergency-access"));
        }

        JsonNode lifted = platform.admin().get("/api/v1/platform/audit?size=10&action=RESTRICTION_LIFTED&patientId="
                + vipMrn).json().path("items");
        assertEquals(lifted.toString(), 1, lifted.size());
        assertTrue(lifted.toString(), lifted.get(0).path("emergency").asBoolean());
        assertTrue(lifted.toString(), lifted.get(0).path("detail").asText().contains(lifting));
        axe.assertNone();
    }

    @Test
    public void anAdministratorUnlocksALockedAccountOnTheUsersPage() throws Exception {
        String nursePassword = platform.createUser(LOCKED_USER, "NURSE", null);
        for (int i = 0; i < 5; i++) {
            String guess = "wrong-guess-" + i;
            assertEquals(401, Await.value("a checked wrong guess", Duration.ofSeconds(60), () -> {
                int status = guessFrom(LOCKED_USER, guess);
                return status == 429 ? null : status;
            }).intValue());
        }
        assertTrue(platform.admin().get("/api/v1/platform/users/" + LOCKED_USER).json().path("locked").asBoolean());

        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", "admin", platform.adminPassword());
            b.navTo("/admin/users");
            b.clickInView(b.visible("button[aria-label*=\"" + LOCKED_USER + "\"]"));
            b.containing("#user-detail", "Locked");
            axe.check(b, "users-locked");
            b.clickInView(b.visible("#user-unlock"));
            b.containing("body", LOCKED_USER + " unlocked");
            b.until("the unlock action gone", d -> d.findElements(By.id("user-unlock")).isEmpty() ? true : null);
            assertFalse(b.find("#user-detail").getText().contains("Locked"));
        }
        assertFalse(platform.admin().get("/api/v1/platform/users/" + LOCKED_USER).json().path("locked").asBoolean());
        assertEquals(200, Await.value("the nurse signs in from the address that was locked", Duration.ofSeconds(60),
                () -> {
                    int status = guessFrom(LOCKED_USER, nursePassword);
                    return status == 429 ? null : status;
                }).intValue());
        axe.assertNone();
    }

    @Test
    public void recordsAnAllergyAndAPrescriptionAndTheBannerFollowsEveryTab() throws Exception {
        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", "dr.adeyemi", password);
            b.navTo("/patients");
            b.visible("input#patient-search").sendKeys("Wieczorek");
            b.clickInView(b.containing("#patient-results a, #patient-results button", mrn));

            WebElement header = b.containing("#chart-header", mrn);
            assertTrue(header.getText(), header.getText().contains("Wieczorek"));
            assertFalse("no allergy yet, no banner", b.present("#allergy-banner")
                    && b.find("#allergy-banner").isDisplayed());
            assertFalse("patient data in the address: " + b.address(), b.address().contains(mrn));
            assertFalse("patient data in the title: " + b.driver().getTitle(), b.driver().getTitle().contains("Wieczorek"));
            axe.check(b, "chart-summary");

            // The allergy.
            b.clickInView(b.visible("#tab-allergies"));
            WebElement allergy = b.fillForm("allergy-form", "substance", "Penicillin");
            b.fillIfPresent(allergy, "reaction", "Urticaria");
            b.fillIfPresent(allergy, "severity", "moderate");
            axe.check(b, "chart-allergies");
            b.submit(allergy);
            b.containing("#allergy-banner", "Penicillin");

            // The prescription.
            b.clickInView(b.visible("#tab-prescriptions"));
            WebElement rx = b.fillForm("prescription-form", "drug", "Metformin", "dose", "500 mg");
            b.fillIfPresent(rx, "route", "oral");
            b.fillIfPresent(rx, "frequency", "twice daily");
            b.fillIfPresent(rx, "durationDays", "30");
            axe.check(b, "chart-prescriptions");
            b.submit(rx);
            // Input values are not element text: this is the prescription list, not the form.
            b.containing("main#main", "Metformin");

            // Another tab: the banner is still there.
            for (String tab : new String[] {"tab-vitals", "tab-notes", "tab-summary"}) {
                b.clickInView(b.visible("#" + tab));
                b.until(tab + " selected", d -> "true".equals(d.findElement(By.id(tab)).getAttribute("aria-selected"))
                        ? true : null);
                b.containing("#allergy-banner", "Penicillin");
            }
            axe.check(b, "chart-with-allergy");
        }

        // What the pages sent is in the record.
        Http doctor = Http.login(platform.baseUrl(), "dr.adeyemi", password);
        String allergies = doctor.get("/api/v1/emr/records/" + mrn + "/allergies").body;
        String prescriptions = doctor.get("/api/v1/emr/records/" + mrn + "/prescriptions").body;
        assertTrue(allergies, allergies.contains("Penicillin"));
        assertTrue(prescriptions, prescriptions.contains("Metformin"));
        axe.assertNone();
    }

    /** A sign-in attempt from {@link #GUESSING_ADDRESS} (locks are per client address); the HTTP status. */
    private static int guessFrom(String username, String password) throws Exception {
        return Http.loginStatusFrom(GUESSING_ADDRESS, URI.create(platform.baseUrl()).getPort(), username, password);
    }
}
