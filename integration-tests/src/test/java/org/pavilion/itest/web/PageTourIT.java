package org.pavilion.itest.web;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Every main page, as the users who see them: a screenshot at desktop (1366 px) and phone (360 px) width in
 * target/screenshots/, and axe-core's checks at both widths. Also measures (prints and writes to
 * target/web-metrics.txt, never asserts) the compressed script bytes the first page loads, the time from
 * navigation to a usable sign-in form, and the time from signing in to a patient's chart on screen.
 */
public class PageTourIT {

    private static WebPlatform platform;
    private static String doctorPassword;
    private static String patientPassword;
    private static String mrn;

    @BeforeClass
    public static void platform() throws Exception {
        platform = WebPlatform.get();
        doctorPassword = platform.createUser("dr.tour", "DOCTOR", null);
        mrn = platform.registerPatient("Amara", "Lindqvist", "1982-12-05", "FEMALE");
        patientPassword = platform.createUser("amara.lindqvist", "PATIENT", mrn);
    }

    @Test
    public void everyPageAtBothWidthsIsAccessible() throws Exception {
        Axe axe = new Axe();
        Set<String> seen = new LinkedHashSet<>();

        // The sign-in page, in a fresh profile (empty cache): what the first visit costs.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.go("/");
            b.clickable("form#sign-in button[type=submit]");
            double usableMs = ((Number) b.js("return performance.now();")).doubleValue();
            WebMetrics.record("sign-in form usable after navigation (ms)", String.format("%.0f", usableMs));
            recordScriptBytes(b);
            both(b, axe, "sign-in");

            b.signIn("admin", platform.adminPassword());
            both(b, axe, "home");
            tourNav(b, axe, seen);
        }

        // A clinician: the time from signing in to the chart, then the clinical pages and every chart tab.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.go("/chart?patient=" + mrn);
            WebElement form = b.clickable("form#sign-in button[type=submit]").findElement(By.xpath("ancestor::form"));
            b.fill(form, "username", "dr.tour");
            b.fill(form, "password", doctorPassword);
            long start = System.nanoTime();
            b.submit(form);
            b.until("signed in", d -> d.findElements(By.id("sign-out")).isEmpty() ? null : true);
            if (!"/chart".equals(b.js("return location.pathname;"))) {
                // The shell went home after signing in: open the chart the way another system's link does.
                b.go("/chart?patient=" + mrn);
            }
            b.containing("#chart-header", mrn);
            WebMetrics.record("sign-in to a patient's chart on screen (ms)",
                    String.valueOf((System.nanoTime() - start) / 1_000_000));
            assertFalse("the ?patient= link left the MRN in the address: " + b.address(), b.address().contains(mrn));

            List<String> tabs = new ArrayList<>();
            for (WebElement t : b.all("main#main [role=tab]")) {
                tabs.add(t.getAttribute("id"));
            }
            assertTrue("the chart has its tabs: " + tabs, tabs.containsAll(List.of("tab-summary", "tab-allergies",
                    "tab-problems", "tab-vitals", "tab-notes", "tab-prescriptions", "tab-documents", "tab-encounters")));
            for (String tab : tabs) {
                b.clickInView(b.visible("#" + tab));
                b.until(tab + " selected", d -> "true".equals(d.findElement(By.id(tab)).getAttribute("aria-selected"))
                        ? true : null);
                both(b, axe, "chart-" + tab.replaceFirst("^tab-", ""));
            }
            tourNav(b, axe, seen);
        }

        // A patient: the portal's pages.
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/portal", "amara.lindqvist", patientPassword);
            b.visible("#portal-cards");
            both(b, axe, "portal");
            tourNav(b, axe, seen);
        }
        System.out.println("[web] pages toured: " + seen);
        axe.assertNone();
    }

    @Test
    public void emergencyRegistrationIsTwoClicksFromItsEntry() throws Exception {
        try (Browser b = Browser.open(platform.baseUrl())) {
            b.openSignedIn("/", "dr.tour", doctorPassword);
            b.navTo("/patients/emergency");
            WebElement form = b.visible("form#emergency-register");
            int clicks = 0;
            if (!Boolean.TRUE.equals(b.js("return arguments[0].checkValidity();", form))) {
                // Something to pick first (the sex, say): one click on its first choice.
                WebElement choice = form.findElement(By.cssSelector("input[type=radio], select"));
                if ("select".equals(choice.getTagName())) {
                    new org.openqa.selenium.support.ui.Select(choice).selectByIndex(1);
                } else {
                    b.clickInView(choice);
                }
                clicks++;
            }
            b.submit(form);
            clicks++;
            assertTrue("at most two clicks from the entry, was " + clicks, clicks <= 2);
            b.until("the emergency patient's MRN on screen",
                    d -> d.findElements(By.cssSelector("#chart-header, #registered-mrn")).stream()
                            .anyMatch(e -> e.getText().matches("(?s).*\\d{10}.*")) ? true : null);
        }
    }

    /** Every navigation entry this user sees that no earlier user's tour covered. */
    private static void tourNav(Browser b, Axe axe, Set<String> seen) throws Exception {
        List<String> routes = new ArrayList<>();
        for (WebElement a : b.all("nav#main-nav a[href]")) {
            String href = a.getAttribute("href").replace(platform.baseUrl(), "");
            if (href.startsWith("/") && !routes.contains(href)) {
                routes.add(href);
            }
        }
        for (String route : routes) {
            if (!seen.add(route)) {
                continue;
            }
            b.navTo(route);
            b.heading();
            both(b, axe, route.equals("/") ? "home" : route.substring(1).replace('/', '-'));
        }
    }

    /** A screenshot and axe's checks at desktop, then phone width; leaves the window at desktop width. */
    private static void both(Browser b, Axe axe, String name) throws Exception {
        for (org.openqa.selenium.Dimension size : List.of(Browser.DESKTOP, Browser.PHONE)) {
            b.size(size);
            b.until("laid out at " + size.width, d -> ((Number) b.js("return window.innerWidth;")).intValue()
                    == size.width ? true : null);
            b.screenshot(name);
            axe.check(b, name);
        }
        b.size(Browser.DESKTOP);
    }

    /** Compressed (transferSize, as sent) and encoded body bytes of every script the page has loaded. */
    @SuppressWarnings("unchecked")
    private static void recordScriptBytes(Browser b) throws Exception {
        Map<String, Object> m = (Map<String, Object>) b.js("let transfer = 0, body = 0, decoded = 0, count = 0;"
                + "for (const e of performance.getEntriesByType('resource')) {"
                + "  const path = new URL(e.name).pathname;"
                + "  if (e.initiatorType === 'script' || /\\.m?js$/.test(path)) {"
                + "    transfer += e.transferSize; body += e.encodedBodySize; decoded += e.decodedBodySize; count++; } }"
                + "return {transfer: transfer, body: body, decoded: decoded, count: count};");
        WebMetrics.record("scripts of the first page: count", String.valueOf(m.get("count")));
        WebMetrics.record("scripts of the first page: bytes transferred (compressed, with headers)",
                String.valueOf(m.get("transfer")));
        WebMetrics.record("scripts of the first page: encoded body bytes", String.valueOf(m.get("body")));
        WebMetrics.record("scripts of the first page: decoded bytes", String.valueOf(m.get("decoded")));
    }
}
