package org.pavilion.notifications.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Notifications' pages as the shell sees them: routes, sections and privileges (each page's privilege is the one of
 * the REST read it starts with), modules that define their elements, every message key the scripts ask for in English
 * and French (also the labels of the contract's codes), every control labelled, only the contract's REST paths called,
 * and the actions offered only to those holding their privilege.
 */
public class NotificationsUiTest {

    private final NotificationsUi ui = new NotificationsUi();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

    private UiPage page(String route) {
        return ui.pages().stream().filter(p -> p.route().equals(route)).findFirst().orElseThrow();
    }

    @Test
    public void pagesAtTheirRoutesWithTheirPrivilegesAndSections() {
        assertEquals("notifications", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/notifications/messages", "/notifications/rules", "/notifications/contact",
                "/portal/notifications"), ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("notifications.deliveries.view", page("/notifications/messages").privilege());
        assertEquals("notifications.rules.view", page("/notifications/rules").privilege());
        assertEquals("admin", page("/notifications/rules").navSection());
        assertEquals("notifications.contacts.own", page("/notifications/contact").privilege());
        assertEquals("notifications.preferences.own", page("/portal/notifications").privilege());
        assertTrue(page("/portal/notifications").portal());
        assertFalse(page("/notifications/messages").portal());
        assertEquals(1, ui.cards().size());
        assertEquals("notifications.preferences.own", ui.cards().get(0).privilege());
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
        // The lists of codes the pages offer (common.js) each have their label, under notifications.<group>.<CODE>.
        String common = checker.file("common.js");
        Map<String, String> groups = Map.of("STATUSES", "status", "CHANNELS", "channel", "RECIPIENTS", "recipient",
                "EVENT_TYPES", "event", "LANGUAGES", "language");
        groups.forEach((constant, group) -> {
            List<String> codes = constantList(common, constant);
            assertFalse(constant + " is empty", codes.isEmpty());
            codes.forEach(code -> assertTrue(group + " " + code, en.containsKey("notifications." + group + "." + code)));
        });
        // The codes the API answers (docs/notifications-api.md and the change log): attempts' outcomes, reasons.
        for (String outcome : List.of("SENT", "RETRY", "FAILED", "BOUNCED", "DELIVERED", "SUPPRESSED", "CANCELLED",
                "REQUEUED")) {
            assertTrue("outcome " + outcome, en.containsKey("notifications.outcome." + outcome));
        }
        for (String reason : List.of("OPTED_OUT", "NO_ADDRESS", "ERASED", "NO_TEMPLATE", "NO_PATIENT_DIRECTORY")) {
            assertTrue("reason " + reason, en.containsKey("notifications.reason." + reason));
        }
        assertEquals(List.of("FAILED", "BOUNCED", "CANCELLED"), constantList(common, "RETRYABLE"));
    }

    @Test
    public void theListsOfCodesAreTheContracts() throws IOException {
        String common = checker.file("common.js");
        String contract = contract();
        assertEquals(List.of("QUEUED", "SENDING", "SENT", "DELIVERED", "FAILED", "BOUNCED", "SUPPRESSED", "CANCELLED"),
                constantList(common, "STATUSES"));
        for (String event : constantList(common, "EVENT_TYPES")) {
            assertTrue("event type " + event + " is in the contract's table", contract.contains("| `" + event + "`"));
        }
        for (String recipient : constantList(common, "RECIPIENTS")) {
            assertTrue("recipient " + recipient + " is the contract's", contract.contains(recipient));
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
                        any.group().contains(" id=\"") || any.group().contains(" id=${"));
            }
            // A select built by a helper takes its id as an argument: its label names the same id.
            Matcher built = Pattern.compile("select\\('([a-z\\-]+)'").matcher(js);
            while (built.find()) {
                assertTrue(file + ": no <label for> for " + built.group(1), js.contains("for=\"" + built.group(1) + "\""));
            }
        }
    }

    @Test
    public void scriptsCallOnlyTheContractsPathsAndNoInlineCodeOrStyles() throws IOException {
        Pattern call = Pattern.compile("api\\.(get|post|put|patch|del|upload|blob)\\(\\s*(`[^`]*`|[^,)]+)");
        Set<String> paths = new TreeSet<>();
        for (String file : checker.scripts()) {
            String js = checker.file(file);
            Matcher m = call.matcher(js);
            while (m.find()) {
                String path = m.group(2).trim();
                assertTrue(file + " calls " + path + " outside notifications' API", path.startsWith("`${BASE}"));
                paths.add(m.group(1) + " " + path.replaceAll("\\s+", "")
                        .replaceAll("\\$\\{encodeURIComponent\\([^}]*\\)\\}", "{}"));
            }
            assertFalse(file + " writes to the address", js.contains("pushState") || js.contains("location"));
            assertFalse(file + " has an inline handler", Pattern.compile("\\son[a-z]+=\"").matcher(js).find());
            assertFalse(file + " has an inline style (the CSP refuses it)", js.contains("style="));
            assertFalse(file + " builds an API address of its own", js.contains("/api/v1"));
        }
        assertTrue(checker.file("common.js").contains("export const BASE = '/notifications';"));
        // Exactly the contract's paths the pages speak: a new call is a deliberate change.
        assertEquals(new TreeSet<>(Set.of("get `${BASE}/deliveries`", "get `${BASE}/deliveries/{}`",
                "post `${BASE}/deliveries/{}/retry`", "get `${BASE}/channels`", "get `${BASE}/events`",
                "get `${BASE}/rules`", "post `${BASE}/rules`", "put `${BASE}/rules/{}`", "get `${BASE}/templates`",
                "post `${BASE}/templates`", "put `${BASE}/templates/{}`", "post `${BASE}/previews`",
                "get `${BASE}/me/contact`", "put `${BASE}/me/contact`", "get `${BASE}/portal/preferences`",
                "put `${BASE}/portal/preferences`", "get `${BASE}/portal/messages`")), paths);
        // ... and each is in the contract's REST table with its verb ("`GET/PUT me/contact`", "`POST previews`").
        Set<String> documented = new TreeSet<>();
        Matcher entry = Pattern.compile("`((?:GET|POST|PUT|DELETE)(?:/(?:GET|POST|PUT|DELETE))*) ([a-z][^`?\\s]*)")
                .matcher(contract());
        while (entry.find()) {
            for (String verb : entry.group(1).split("/")) {
                documented.add(verb + " " + entry.group(2).replaceAll("\\{[a-zA-Z]+\\}", "{}"));
            }
        }
        for (String p : paths) {
            String verb = p.substring(0, p.indexOf(' ')).toUpperCase();
            String path = p.substring(p.indexOf("${BASE}/") + "${BASE}/".length(), p.length() - 1);
            assertTrue(p + " is in the contract's REST table " + documented, documented.contains(verb + " " + path));
        }
    }

    @Test
    public void actionsAreOfferedToThoseHoldingTheirPrivilege() throws IOException {
        assertTrue(checker.file("messages.js").contains("can(ctx, 'notifications.deliveries.retry')"));
        assertTrue(checker.file("messages.js").contains("RETRYABLE.includes(m.status)"));
        assertTrue(checker.file("rules.js").contains("can(this._ctx, 'notifications.rules.manage')"));
        assertTrue(checker.file("templates.js").contains("can(ctx, 'notifications.rules.manage')"));
    }

    @Test
    public void errorsAreAnnouncedAndFieldErrorsSitUnderTheirField() throws IOException {
        // Every page reports through a role=alert region; the 422's per-field reasons go under the field they name.
        for (String page : List.of("messages.js", "rules.js", "templates.js", "contact.js", "portal.js")) {
            assertTrue(page, checker.file(page).contains("alertRegion("));
        }
        String contact = checker.file("contact.js");
        for (String field : List.of("email", "phone", "language")) {
            assertTrue(field, contact.contains("fieldError('nt-contact-" + field + "-error', e." + field + ")"));
            assertTrue(field, contact.contains("nt-contact-" + field + "-error\""));
        }
        assertTrue(checker.file("templates.js").contains("id=\"nt-preview-problems\""));
        assertTrue(checker.file("templates.js").contains("fieldErrors(err)"));
    }

    private static List<String> constantList(String js, String name) {
        Matcher m = Pattern.compile("export const " + name + " = \\[([^\\]]*)\\];").matcher(js);
        assertTrue("common.js defines " + name, m.find());
        List<String> codes = new ArrayList<>();
        Matcher code = Pattern.compile("'([^']+)'").matcher(m.group(1));
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    private static String contract() throws IOException {
        Path doc = Path.of("../../docs/notifications-api.md");
        assertTrue("the contract is at " + doc.toAbsolutePath(), Files.isRegularFile(doc));
        return Files.readString(doc, StandardCharsets.UTF_8);
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\w+)\\}").matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
