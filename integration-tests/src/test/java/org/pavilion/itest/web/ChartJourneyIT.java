package org.pavilion.itest.web;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.pavilion.itest.Http;

/**
 * Journey 2 (issue #21): a doctor finds a patient and opens the chart, records an allergy and a prescription, and
 * sees the allergy banner on another tab.
 */
public class ChartJourneyIT {

    private static WebPlatform platform;
    private static String password;
    private static String mrn;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        password = platform.createUser("dr.adeyemi", "DOCTOR", null);
        mrn = platform.registerPatient("Tomasz", "Wieczorek", "1961-11-02", "MALE");
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
}
