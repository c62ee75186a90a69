package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.WebElement;
import org.pavilion.testsupport.Http;

/**
 * Journey 3 (issue #21): a patient signs in to the portal on a phone (360 px), sees only their own record, and
 * opening the record with {@code ?patient=<another patient's MRN>} shows an error with nothing of that patient in
 * the page source.
 */
public class PortalJourneyIT {

    private static WebPlatform platform;
    private static String password;
    private static String own;
    private static String other;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        own = platform.registerPatient("Ines", "Moreau", "1990-05-23", "FEMALE");
        other = platform.registerPatient("Bartholomew", "Quigley", "1944-07-19", "MALE");
        password = platform.createUser("ines.moreau", "PATIENT", own);
        // The portal's record shows clinical facts, not the name: an allergy each tells the two records apart.
        Http doctor = Http.login(platform.baseUrl(), "dr.portal", platform.createUser("dr.portal", "DOCTOR", null));
        for (String[] a : new String[][] {{own, "Latex"}, {other, "Peanut"}}) {
            Http.Response r = doctor.post("/api/v1/emr/records/" + a[0] + "/allergies", Http.json().createObjectNode()
                    .put("substance", a[1]).put("severity", "MODERATE").put("reaction", "Hives"));
            assertEquals(r.toString(), 201, r.status);
        }
    }

    @Test
    public void aPatientSeesOnlyTheirOwnRecordOnAPhone() throws Exception {
        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.size(Browser.PHONE);
            b.openSignedIn("/portal", "ines.moreau", password);
            b.visible("#portal-cards");
            assertNothingOfTheOther(b, "portal home");
            axe.check(b, "portal-home");

            b.follow("/portal/record");
            WebElement record = b.visible("#portal-record");
            b.containing("#portal-record", "Latex");
            assertTrue("the record fits 360 px: " + b.js("return document.documentElement.scrollWidth;"),
                    ((Number) b.js("return document.documentElement.scrollWidth;")).intValue() <= 360);
            assertNothingOfTheOther(b, "own record");
            assertTrue(record.getText(), record.isDisplayed());
            axe.check(b, "portal-record");

            // A link naming someone else's record: refused, and nothing of theirs reaches the page.
            b.go("/portal/record?patient=" + other);
            WebElement alert = b.until("an alert", d -> {
                for (WebElement e : d.findElements(org.openqa.selenium.By.cssSelector("main#main [role=alert]"))) {
                    if (e.isDisplayed() && !e.getText().isBlank()) {
                        return e;
                    }
                }
                return null;
            });
            assertFalse("the refused patient's id left in the address: " + b.address(), b.address().contains(other));
            assertNothingOfTheOther(b, "refused record (alert: " + alert.getText() + ")");
            axe.check(b, "portal-record-refused");

            String storage = b.webStorage();
            for (String data : List.of(own, other, "Moreau", "Quigley")) {
                assertFalse("patient data in web storage: " + storage, storage.contains(data));
                assertFalse("patient data in the title", b.driver().getTitle().contains(data));
            }
        }
        axe.assertNone();
    }

    private static void assertNothingOfTheOther(Browser b, String where) {
        String source = b.driver().getPageSource();
        for (String data : List.of(other, "Peanut", "Quigley", "Bartholomew", "1944-07-19", "19/07/1944", "7/19/1944",
                "July 19, 1944", "19 July 1944", "Jul 19, 1944")) {
            assertFalse(where + ": the page source shows the other patient's " + data, source.contains(data));
        }
    }
}
