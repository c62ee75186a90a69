package org.pavilion.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.pavilion.testsupport.Http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A nurse's first day: the administrator gave her a temporary password (the first administrator's generated one works
 * the same way); her first sign-in asks her to choose her own before anything else, says what is wrong when the two
 * entries differ or the current password is not right, and then goes on to the home page in the same session.
 */
public class FirstSignInJourneyIT {

    private static final String USERNAME = "fiona.firstday";
    private static final String TEMPORARY = "Temporary-Pw-First-Day-1";
    private static final String CHOSEN = "Fiona-Chose-This-2026";

    private static WebPlatform platform;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        ObjectNode user = Http.json().createObjectNode().put("username", USERNAME).put("password", TEMPORARY)
                .put("passwordChangeRequired", true);
        user.putArray("roles").add("NURSE");
        Http.Response r = platform.admin().post("/api/v1/platform/users", user);
        if (r.status == 409) {
            // A kept installation from an earlier run: a new temporary password for the account.
            r = platform.admin().post("/api/v1/platform/users/" + USERNAME + "/password", Http.json()
                    .createObjectNode().put("password", TEMPORARY).put("passwordChangeRequired", true));
            assertEquals(r.toString(), 200, r.status);
        } else {
            assertEquals(r.toString(), 201, r.status);
        }
    }

    @Test
    public void aNurseWithATemporaryPasswordChoosesHerOwnBeforeAnythingElse() throws Exception {
        Axe axe = new Axe();
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.go("/patients"); // a deep link: the password comes first all the same
            b.signIn(USERNAME, TEMPORARY);
            WebElement form = b.visible("form#first-password-change");
            assertEquals("Choose a new password", b.heading());
            assertTrue("no page of the workspace under the form", b.all("main#main form").size() == 1);
            b.until("the current password field has the focus", d ->
                    "password-change-current".equals(d.switchTo().activeElement().getAttribute("id")) ? true : null);
            for (String id : new String[] {"password-change-current", "password-change-new", "password-change-again"}) {
                WebElement label = b.find("label[for=" + id + "]");
                assertFalse(id + " has a visible label", label.getText().isBlank());
            }
            b.screenshot("first-sign-in-password");
            axe.check(b, "first-sign-in-password");

            // Two different entries: said on the page, nothing sent.
            b.fill(form, "currentPassword", TEMPORARY);
            b.fill(form, "newPassword", CHOSEN);
            b.fill(form, "again", CHOSEN + "x");
            b.submit(form);
            WebElement error = b.visible("#password-change-error");
            assertTrue(error.getText(), error.getText().contains("not the same"));
            b.until("the error has the focus", d ->
                    "password-change-error".equals(d.switchTo().activeElement().getAttribute("id")) ? true : null);

            // A wrong current password: the server's 403, in words.
            form = b.find("form#first-password-change");
            b.fill(form, "currentPassword", "not-the-temporary-one");
            b.fill(form, "again", CHOSEN);
            b.submit(form);
            b.until("the wrong current password is said", d -> b.find("#password-change-error").getText()
                    .contains("current password is not right") ? true : null);
            axe.check(b, "first-sign-in-password-error");

            form = b.find("form#first-password-change");
            b.fill(form, "currentPassword", TEMPORARY);
            b.fill(form, "newPassword", CHOSEN);
            b.fill(form, "again", CHOSEN);
            b.submit(form);
            b.until("the home page after the change", d -> d.findElements(By.cssSelector("form#first-password-change"))
                    .isEmpty() && !d.findElements(By.cssSelector("#main-nav a[href='/']")).isEmpty()
                    && d.findElement(By.id("main-nav")).isDisplayed() ? true : null);
            assertEquals("/", b.address());
        }
        axe.assertNone();

        // Her own password signs her in from now on, straight to the workspace; the temporary one no longer does.
        Http fiona = Http.login(platform.baseUrl(), USERNAME, CHOSEN);
        assertFalse(fiona.get("/api/v1/auth/session").json().path("passwordChangeRequired").asBoolean());
        assertEquals(401, Http.anonymous(platform.baseUrl()).post("/api/v1/auth/login", Http.json().createObjectNode()
                .put("username", USERNAME).put("password", TEMPORARY)).status);
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", USERNAME, CHOSEN);
            b.until("the home page", d -> d.findElement(By.id("main-nav")).isDisplayed() ? true : null);
            assertFalse(b.present("form#first-password-change"));
        }
    }
}
