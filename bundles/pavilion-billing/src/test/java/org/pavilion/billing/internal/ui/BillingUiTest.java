package org.pavilion.billing.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import java.util.List;
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
 * Billing's pages as the shell sees them: routes, sections and privileges (each page's privilege is the one of the
 * REST read it starts with), modules that define their elements, every message key the scripts ask for in English
 * and French (also the ones built from the API's codes), every control labelled, only the contract's REST paths
 * called, and amounts never turned into floating point numbers in the browser.
 */
public class BillingUiTest {

    private final BillingUi ui = new BillingUi();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

    private UiPage page(String route) {
        return ui.pages().stream().filter(p -> p.route().equals(route)).findFirst().orElseThrow();
    }

    @Test
    public void pagesAtTheirRoutesWithTheirPrivilegesAndSections() {
        assertEquals("billing", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/billing/desk", "/billing/invoices", "/billing/claims", "/billing/prices", "/portal/bills"),
                ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("billing.charges.view", page("/billing/desk").privilege());
        assertEquals("patients", page("/billing/desk").navSection());
        assertEquals("billing.invoices.view", page("/billing/invoices").privilege());
        assertEquals("billing.claims.manage", page("/billing/claims").privilege());
        assertEquals("billing.prices.view", page("/billing/prices").privilege());
        assertEquals("admin", page("/billing/prices").navSection());
        assertTrue(page("/portal/bills").portal());
        assertFalse(page("/billing/desk").portal());
        assertEquals("billing.invoices.view-own", page("/portal/bills").privilege());
        assertEquals(1, ui.cards().size());
        assertEquals("billing.invoices.view-own", ui.cards().get(0).privilege());
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
        // Keys built from the API's codes (docs/billing-api.md): each has its text.
        Map<String, List<String>> codes = Map.of(
                "status", List.of("DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "VOID"),
                "portal.state", List.of("DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "VOID"),
                "kind", List.of("INVOICE", "CREDIT_NOTE"),
                "claimStatus", List.of("SUBMITTED", "APPROVED", "PARTLY_APPROVED", "DENIED", "ERROR"),
                "discountStatus", List.of("REQUESTED", "APPROVED", "REJECTED"),
                "method", List.of("CASH", "CARD", "BANK_TRANSFER", "INSURANCE", "ONLINE"),
                "payer", List.of("PATIENT", "INSURANCE"),
                "category", List.of("CONSULTATION", "PROCEDURE", "LAB_TEST", "MEDICINE", "SUPPLY", "BED_DAY", "OTHER"),
                "payment.reference", List.of("CARD", "BANK_TRANSFER"),
                "payment.referenceRequired", List.of("CARD", "BANK_TRANSFER"));
        codes.forEach((group, values) -> values.forEach(v ->
                assertTrue(group + " " + v, en.containsKey("billing." + group + "." + v))));
        for (String decision : Set.of("approved", "rejected")) {
            assertTrue("discount " + decision, en.containsKey("billing.discount." + decision));
        }
        // The lists the pages offer are the contract's codes.
        String common = checker.file("common.js");
        assertTrue(common.contains("export const DESK_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER'];"));
        assertTrue(common.contains("export const NEEDS_REFERENCE = ['CARD', 'BANK_TRANSFER'];"));
        assertTrue(common.contains("export const CATEGORIES = ['CONSULTATION', 'PROCEDURE', 'LAB_TEST', 'MEDICINE', "
                + "'SUPPLY', 'BED_DAY', 'OTHER'];"));
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
    public void scriptsCallOnlyTheBillingApiAndNoInlineCodeOrStyles() throws IOException {
        Pattern call = Pattern.compile("api\\.(get|post|put|patch|del|upload|blob)\\(\\s*(`[^`]*`|[^,)]+)");
        Set<String> paths = new TreeSet<>();
        for (String file : checker.scripts()) {
            String js = checker.file(file);
            Matcher m = call.matcher(js);
            while (m.find()) {
                String path = m.group(2).trim();
                assertTrue(file + " calls " + path + " outside billing's API", path.startsWith("`${BASE}"));
                paths.add(path.replaceAll("\\s+", "").replaceAll("\\$\\{encodeURIComponent\\([^}]*\\)\\}", "{}"));
            }
            assertFalse(file + " writes to the address", js.contains("pushState") || js.contains("location.search"));
            assertFalse(file + " has an inline handler", Pattern.compile("\\son[a-z]+=\"").matcher(js).find());
            assertFalse(file + " has an inline style (the CSP refuses it)", js.contains("style="));
            assertFalse(file + " builds an API address of its own", !file.equals("common.js") && js.contains("/api/v1"));
        }
        // Exactly the contract's paths (docs/billing-api.md) that the pages speak: a new call is a deliberate change.
        assertEquals(new TreeSet<>(Set.of("`${BASE}/charges`", "`${BASE}/invoices`", "`${BASE}/invoices/{}`",
                "`${BASE}/invoices/{}/issue`", "`${BASE}/invoices/{}/discounts`",
                "`${BASE}/invoices/{}/discounts/{}/${decision}`", "`${BASE}/invoices/{}/void`",
                "`${BASE}/invoices/{}/credit-notes`", "`${BASE}/payments`", "`${BASE}/payments/{}/refunds`",
                "`${BASE}/cash/{}/{}`", "`${BASE}/cash/{}/{}/close`", "`${BASE}/claims`", "`${BASE}/claims/{}/refresh`",
                "`${BASE}/prices`", "`${BASE}/prices/{}`", "`${BASE}/tax-categories`", "`${BASE}/portal/invoices`",
                "`${BASE}/portal/payments`")), paths);
        assertTrue(checker.file("common.js").contains("export const BASE = '/billing';"));
        assertTrue(checker.file("common.js").contains("return `/api/v1${BASE}${path}`;"));
        // The PDFs are plain links to the contract's PDF paths.
        assertTrue(checker.file("invoice-panel.js").contains("`/invoices/${encodeURIComponent(inv.id)}/pdf`"));
        assertTrue(checker.file("invoice-panel.js").contains("`/receipts/${encodeURIComponent(p.id)}/pdf`"));
        assertTrue(checker.file("portal-bills.js").contains("`/portal/documents/${encodeURIComponent(inv.id)}/pdf`"));
    }

    @Test
    public void amountsStayDecimalStringsFromTheApiToTheScreen() throws IOException {
        Pattern toNumber = Pattern.compile("parseFloat\\(|parseInt\\(|Number\\(|toFixed\\(|Math\\.|\\+\\s*[a-z]+\\.amount"
                + "|[a-zA-Z]+(Balance|Total|Share|amount|Amount)\\s*[-+*/]\\s*[a-zA-Z0-9]");
        for (String file : checker.scripts()) {
            Matcher m = toNumber.matcher(checker.file(file));
            assertFalse(file + " turns an amount into a number: " + (m.find() ? m.group() : ""),
                    toNumber.matcher(checker.file(file)).find());
        }
        // Shown through Intl with the string itself (exact for decimal strings), always with the currency.
        String common = checker.file("common.js");
        assertTrue(common.contains("return ctx.fmt.money(text, currency || 'EUR');"));
        assertTrue(common.contains("ctx.fmt.number(text, { style: 'currency'"));
        // Typed amounts ("48,50" in French) reach the API as its decimal strings, by text, not through a number.
        assertTrue(checker.file("invoice-panel.js").contains("amount: decimalInput(v.amount)"));
        assertTrue(checker.file("till.js").contains("countedCash: decimalInput(v.countedCash)"));
        assertTrue(checker.file("prices.js").contains("body.unitPrice = decimalInput(body.unitPrice);"));
    }

    @Test
    public void thePortalPaysThroughTheProvidersPageOnly() throws IOException {
        String js = checker.file("portal-bills.js");
        assertTrue(js.contains("ctx.api.post(`${BASE}/portal/payments`, { invoiceId: invoice.id })"));
        assertTrue(js.contains("safeRedirect(intent && intent.redirectUrl)"));
        assertTrue("only web addresses are followed", js.contains("u.protocol === 'https:' || u.protocol === 'http:'"));
        assertTrue(js.contains("window.location.assign(target)"));
    }

    @Test
    public void actionsAreOfferedToThoseHoldingTheirPrivilege() throws IOException {
        String panel = checker.file("invoice-panel.js");
        for (String privilege : List.of("billing.invoices.manage", "billing.discount.approve", "billing.payments.record",
                "billing.claims.manage")) {
            assertTrue(privilege, panel.contains("can(ctx, '" + privilege + "')"));
        }
        assertTrue(checker.file("prices.js").contains("can(ctx, 'billing.prices.edit')"));
        assertTrue(checker.file("till.js").contains("can(ctx, 'billing.payments.record')"));
        assertTrue(checker.file("desk.js").contains("can(ctx, 'billing.invoices.manage')"));
    }
}
