package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Journey 5 (issue #21): the session ends on the server while a form is half filled; the next action opens the
 * session dialog over the page; after signing in again the page and everything typed are still there and the
 * interrupted call goes through.
 */
public class SessionExpiryIT {

    private static WebPlatform platform;
    private static String password;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        password = platform.createUser("kofi.frontdesk", "RECEPTIONIST", null);
        // Already registered: the form's submission, retried after the new sign-in, is answered with the duplicate
        // warning, which keeps the form on screen to compare with what was typed.
        platform.registerPatient("Olusegun", "Bakare", "1958-02-11", "MALE");
    }

    @Test
    public void signingInAgainKeepsTheHalfFilledForm() throws Exception {
        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", "kofi.frontdesk", password);
            int before = platform.mrnsOf("Bakare", "1958-02-11").size();
            b.navTo("/patients/register");
            WebElement form = b.fillForm("patient-register", "givenName", "Olusegun", "familyName", "Bakare",
                    "birthDate", "1958-02-11", "sex", "MALE");

            b.endSessionOnServer();
            b.submit(form);

            WebElement dialog = b.visible("dialog#session-dialog");
            assertTrue("the session dialog is open (modal)", Boolean.TRUE.equals(b.js("return arguments[0].open;", dialog)));
            WebElement again = dialog.findElement(By.cssSelector("form#sign-in-again"));
            WebElement username = again.findElements(By.name("username")).stream().findFirst().orElse(null);
            if (username != null && username.isEnabled() && username.getAttribute("readonly") == null) {
                b.fill(again, "username", "kofi.frontdesk");
            }
            b.fill(again, "password", password);
            b.screenshot("session-dialog");
            axe.check(b, "session-dialog");
            b.submit(again);
            b.until("the session dialog closes", d -> Boolean.FALSE.equals(b.js("return arguments[0].open;",
                    d.findElement(By.id("session-dialog")))) ? true : null);

            // Same page, same values; the retried registration met the duplicate check.
            b.visible("#duplicate-warning");
            form = b.visible("form#patient-register");
            assertEquals("Olusegun", b.valueOf(form, "givenName"));
            assertEquals("Bakare", b.valueOf(form, "familyName"));
            assertEquals("1958-02-11", b.valueOf(form, "birthDate"));
            assertEquals("MALE", b.valueOf(form, "sex").toUpperCase(java.util.Locale.ROOT));

            b.clickInView(b.visible("#confirm-duplicate"));
            // The page moves on to the new patient's chart, or shows the new MRN where the user may not open charts.
            b.until("registered after confirming", d -> !d.findElements(By.id("registered-mrn")).isEmpty()
                    || "/chart".equals(b.js("return location.pathname;")) ? true : null);
            assertEquals(before + 1, platform.mrnsOf("Bakare", "1958-02-11").size());
        }
        axe.assertNone();
    }
}
