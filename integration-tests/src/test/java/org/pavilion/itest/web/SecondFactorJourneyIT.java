package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.security.SecondFactorSecurityIT;

/**
 * A doctor with two-step sign-in: the sign-in page asks for the code on the same page once the password was right;
 * the code computed here like her authenticator app signs her in, and her account page says two-step sign-in is on.
 */
public class SecondFactorJourneyIT {

    private static WebPlatform platform;
    private static String password;
    private static String secret;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        password = platform.createUser("tomasz.totp", "DOCTOR", null);
        Http tomasz = Http.login(platform.baseUrl(), "tomasz.totp", password);
        Http.Response started = tomasz.post("/api/v1/auth/totp/enrolment", Http.json().createObjectNode());
        assertEquals(started.toString(), 200, started.status);
        secret = started.json().path("secret").asText();
        Http.Response confirmed = tomasz.post("/api/v1/auth/totp/enrolment/confirm", Http.json().createObjectNode()
                .put("code", SecondFactorSecurityIT.code(secret, step())));
        assertEquals(confirmed.toString(), 200, confirmed.status);
    }

    private static long step() {
        return System.currentTimeMillis() / 30_000L;
    }

    @Test
    public void aDoctorSignsInWithTheCodeFromHerAuthenticatorApp() throws Exception {
        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.go("/");
            WebElement form = b.clickable("form#sign-in button[type=submit]").findElement(By.xpath("ancestor::form"));
            b.fill(form, "username", "tomasz.totp");
            b.fill(form, "password", password);
            b.submit(form);

            WebElement code = b.visible("#sign-in-code");
            assertEquals("one-time-code", code.getAttribute("autocomplete"));
            b.until("the code field has the focus",
                    d -> "sign-in-code".equals(d.switchTo().activeElement().getAttribute("id")) ? true : null);
            b.screenshot("second-factor-code");
            axe.check(b, "second-factor-code");
            // The step after the one the enrolment used: within the one-step tolerance, never used before.
            code.sendKeys(SecondFactorSecurityIT.code(secret, step() + 1));
            b.submit(b.find("form#sign-in"));
            b.until("signed in with the code", d -> d.findElements(By.id("sign-out")).isEmpty() ? null : true);

            b.clickInView(b.find("a.account-link")); // "My account", in the header
            WebElement section = b.visible("#totp");
            assertTrue(section.getText(), b.present("#totp-remove"));
        }
        axe.assertNone();
    }
}
