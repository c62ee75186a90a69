package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Journey 1 (issue #21): a receptionist registers a patient, registers a second with the same name and birth date
 * and is warned of the duplicate, then finds the first by typing the family name with a typo.
 */
public class ReceptionJourneyIT {

    private static WebPlatform platform;
    private static String password;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        password = platform.createUser("rosa.reception", "RECEPTIONIST", null);
    }

    @Test
    public void registersIsWarnedOfTheDuplicateAndFindsThePatientDespiteATypo() throws Exception {
        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", "rosa.reception", password);
            int before = platform.mrnsOf("Okonkwo", "1987-03-14").size();

            // 1. Registration, two clicks from the navigation.
            b.navTo("/patients/register");
            b.heading();
            axe.check(b, "patients-register");
            WebElement form = b.fillForm("patient-register", "givenName", "Chiamaka", "familyName", "Okonkwo",
                    "birthDate", "1987-03-14", "sex", "FEMALE");
            b.submit(form);
            // Done: the page opens the new patient's chart, or shows the MRN where the user may not open charts.
            b.until("the registration is done (chart or new MRN shown)", d -> !d.findElements(By.id("registered-mrn"))
                    .isEmpty() || "/chart".equals(b.js("return location.pathname;")) ? true : null);
            List<String> first = platform.mrnsOf("Okonkwo", "1987-03-14");
            assertEquals("one Chiamaka Okonkwo registered: " + first, before + 1, first.size());
            String mrn = first.get(first.size() - 1);
            if (b.present("#registered-mrn")) {
                b.containing("#registered-mrn", mrn);
            }
            assertTrue("no patient data in the address: " + b.address(), !b.address().contains(mrn));

            // 2. The same name and birth date again (through the search page: a new visit of the form).
            b.navTo("/patients");
            b.visible("input#patient-search");

            b.navTo("/patients/register");
            form = b.fillForm("patient-register", "givenName", "Chiamaka", "familyName", "Okonkwo",
                    "birthDate", "1987-03-14", "sex", "FEMALE");
            b.submit(form);
            WebElement warning = b.visible("#duplicate-warning");
            assertEquals("alert", warning.getAttribute("role"));
            b.containing("#duplicate-warning", mrn);
            assertTrue("the warning offers to register anyway", b.find("#confirm-duplicate").isDisplayed());
            axe.check(b, "patients-register-duplicate");
            assertEquals("nothing registered while warned", before + 1, platform.mrnsOf("Okonkwo", "1987-03-14").size());

            // 3. Search with a typo in the family name ("Okonkow"), results as you type.
            b.navTo("/patients");
            WebElement search = b.visible("input#patient-search");
            assertEquals("search", search.getAttribute("type"));
            search.sendKeys("Okonkow");
            WebElement hit = b.containing("#patient-results a, #patient-results button", mrn);
            axe.check(b, "patients-search-results");
            assertTrue("the hit is the first patient: " + hit.getText(), hit.getText().contains(mrn));
            assertTrue("no patient data in the address: " + b.address(), !b.address().contains("Okonk"));
        }
        axe.assertNone();
    }
}
