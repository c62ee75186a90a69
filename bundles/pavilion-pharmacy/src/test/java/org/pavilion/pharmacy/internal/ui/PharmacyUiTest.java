package org.pavilion.pharmacy.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import java.util.Map;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;
import org.pavilion.core.testing.UiContributionChecker;

/**
 * The pharmacy's pages as the shell sees them: routes, sections and privileges (each page's privilege is the one of
 * the REST read it starts with), modules that define their elements, every message key the scripts ask for in
 * English and French (also the ones built from the API's codes), every control labelled, and only the contract's
 * REST paths called.
 */
public class PharmacyUiTest {

    private final PharmacyUi ui = new PharmacyUi();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

    private UiPage page(String route) {
        return ui.pages().stream().filter(p -> p.route().equals(route)).findFirst().orElseThrow();
    }

    @Test
    public void pagesAtTheirRoutesWithTheirPrivilegesAndSections() {
        assertEquals("pharmacy", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/pharmacy/queue", "/pharmacy/stock", "/pharmacy/purchase-orders", "/pharmacy/reorder",
                "/portal/medicines"), ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("pharmacy.dispensing.view", page("/pharmacy/queue").privilege());
        assertEquals("clinical", page("/pharmacy/queue").navSection());
        assertEquals("pharmacy.stock.view", page("/pharmacy/stock").privilege());
        assertEquals("pharmacy.purchasing.manage", page("/pharmacy/purchase-orders").privilege());
        assertEquals("pharmacy.alerts.view", page("/pharmacy/reorder").privilege());
        assertTrue(page("/portal/medicines").portal());
        assertEquals("pharmacy.dispensing.view-own", page("/portal/medicines").privilege());
        assertEquals(1, ui.cards().size());
        assertEquals("pharmacy.dispensing.view-own", ui.cards().get(0).privilege());
        for (UiPage p : ui.pages()) {
            assertFalse("a route never carries patient data: " + p.route(), p.route().contains("{"));
        }
    }

    @Test
    public void passesTheShellsContributionChecks() throws IOException {
        checker.checkAll();
    }

    @Test
    public void everyMessageKeyAScriptAsksForExists() throws IOException {
        Map<String, String> en = checker.messages("en");
        // Keys built from the API's codes: every status, expiry class, movement kind and adjustment reason has its text.
        for (String s : Set.of("PENDING", "PARTIALLY_DISPENSED", "DISPENSED", "STOPPED", "CANCELLED", "DRAFT", "SENT",
                "PARTIALLY_RECEIVED", "RECEIVED")) {
            assertTrue("status " + s, en.containsKey("pharmacy.status." + s));
        }
        for (String e : Set.of("EXPIRED", "EXPIRING", "OK", "NONE")) {
            assertTrue("expiry " + e, en.containsKey("pharmacy.expiry." + e));
        }
        for (org.pavilion.pharmacy.internal.stock.MovementKind k : org.pavilion.pharmacy.internal.stock.MovementKind.values()) {
            assertTrue("movement " + k, en.containsKey("pharmacy.movement." + k.name()));
        }
        for (String r : Set.of("BREAKAGE", "LOSS", "FOUND", "RECALL", "OTHER")) {
            assertTrue("reason " + r, en.containsKey("pharmacy.reason." + r));
        }
        for (String mode : Set.of("receive", "transfer", "adjust")) {
            for (String part : Set.of("title", "submit", "done")) {
                assertTrue(mode + " " + part, en.containsKey("pharmacy.move." + part + "." + mode));
            }
        }
    }

    @Test
    public void frenchTextsTakeTheSamePlaceholders() throws IOException {
        Map<String, String> en = checker.messages("en");
        Map<String, String> fr = checker.messages("fr");
        for (String key : en.keySet()) {
            assertEquals(key, placeholders(en.get(key)), placeholders(fr.get(key)));
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\w+)\\}").matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    public void everyInputSelectAndTextareaHasALabel() throws IOException {
        Pattern control = Pattern.compile("<(input|select|textarea)\\b[^>]*?\\sid=\"([^\"]+)\"");
        for (String file : checker.scripts()) {
            String js = checker.file(file);
            Matcher m = control.matcher(js);
            while (m.find()) {
                String id = m.group(2);
                assertTrue(file + ": no <label for> for " + id, js.contains("for=\"" + id + "\""));
            }
            Matcher any = Pattern.compile("<(input|select|textarea)\\b[^>]*>").matcher(js);
            while (any.find()) {
                assertTrue(file + ": a control without an id cannot be labelled: " + any.group(),
                        any.group().contains(" id=\""));
            }
        }
    }

    @Test
    public void scriptsCallOnlyThePharmacyApiAndNoInlineCodeOrStyles() throws IOException {
        Pattern call = Pattern.compile("api\\.(get|post|put|patch|del|upload|blob)\\(\\s*(`[^`]*`|[^,)]+)");
        Set<String> paths = new TreeSet<>();
        for (String file : checker.scripts()) {
            String js = checker.file(file);
            Matcher m = call.matcher(js);
            while (m.find()) {
                String path = m.group(2).trim();
                assertTrue(file + " calls " + path + " outside the pharmacy's API", path.startsWith("`${BASE}"));
                paths.add(path.replaceAll("\\s+", "").replaceAll("\\$\\{encodeURIComponent\\([^}]*\\)\\}", "{}"));
            }
            assertFalse(file + " writes to the address", js.contains("pushState") || js.contains("location.search"));
            assertFalse(file + " has an inline handler", Pattern.compile("\\son[a-z]+=\"").matcher(js).find());
            assertFalse(file + " has an inline style (the CSP refuses it)", js.contains("style="));
        }
        // The contract's paths (docs/pharmacy-api.md) that the pages speak.
        for (String p : Set.of("`${BASE}/queue`", "`${BASE}/prescriptions/{}`", "`${BASE}/prescriptions/{}/dispenses`",
                "`${BASE}/items`", "`${BASE}/stores`", "`${BASE}/stock`", "`${BASE}${PATHS[this.mode]}`",
                "`${BASE}/purchase-orders`", "`${BASE}/purchase-orders/{}`", "`${BASE}/purchase-orders/{}/receipts`",
                "`${BASE}/purchase-orders/from-suggestions`", "`${BASE}/reorder-suggestions`", "`${BASE}/suppliers`",
                "`${BASE}/forecasts/{}/{}`", "`${BASE}/portal/dispenses`", "`${BASE}/stock/write-offs`", "`${BASE}/dispenses/{}/returns`")) {
            assertTrue("no page calls " + p + " in " + paths, paths.contains(p));
        }
        assertTrue(checker.file("common.js").contains("export const BASE = '/pharmacy';"));
        assertTrue(checker.file("stock-moves.js").contains(
                "{ receive: '/stock/receipts', transfer: '/stock/transfers', adjust: '/stock/adjustments' }"));
    }

    @Test
    public void theAllergyWarningIsAskedForAReasonNotShownAsAFailure() throws IOException {
        String js = checker.file("dispense.js");
        assertTrue(js.contains("err.status === 409 && err.type === 'allergy-warning'"));
        assertTrue(js.contains("err.problem.allergies"));
        assertTrue(js.contains("name=\"overrideReason\""));
        assertNull("the override field is only offered with the override privilege",
                js.contains("can(ctx, 'pharmacy.allergy.override')") ? null : "missing privilege check");
    }
}
