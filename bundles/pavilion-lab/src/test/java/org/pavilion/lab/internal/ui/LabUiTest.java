package org.pavilion.lab.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import java.util.Map;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;
import org.pavilion.core.testing.UiContributionChecker;

/**
 * The laboratory's pages as the shell sees them: routes, sections and privileges, modules that define their elements,
 * every message key the scripts ask for in English and French, every input labelled, and the REST paths they call
 * are the contract's.
 */
public class LabUiTest {

    private final LabUi ui = new LabUi();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

    private UiPage page(String route) {
        return ui.pages().stream().filter(p -> p.route().equals(route)).findFirst().orElseThrow();
    }

    @Test
    public void pagesAtTheirRoutesWithTheirPrivilegesAndSections() {
        assertEquals("lab", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/lab/worklist", "/lab/inbox", "/chart/lab", "/lab/catalogue", "/lab/specimens/label",
                "/portal/results"), ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("lab.specimen.receive", page("/lab/worklist").privilege());
        assertEquals("clinical", page("/lab/worklist").navSection());
        assertEquals("lab.result.view", page("/lab/inbox").privilege());
        assertEquals("clinical", page("/lab/inbox").navSection());
        assertEquals("chart", page("/chart/lab").navSection());
        assertEquals("lab.order.view", page("/chart/lab").privilege());
        assertEquals("admin", page("/lab/catalogue").navSection());
        assertEquals("lab.catalogue.edit", page("/lab/catalogue").privilege());
        assertEquals(null, page("/lab/specimens/label").navSection());
        assertTrue(page("/portal/results").portal());
        assertEquals("lab.result.own", page("/portal/results").privilege());
        assertEquals(1, ui.cards().size());
        assertEquals("lab.result.own", ui.cards().get(0).privilege());
    }

    @Test
    public void passesTheShellsContributionChecks() throws IOException {
        checker.checkAll();
    }

    @Test
    public void everyMessageKeyAScriptAsksForExists() throws IOException {
        Map<String, String> en = checker.messages("en");
        Pattern used = Pattern.compile("t\\('(lab\\.[A-Za-z0-9.\\-]+)'");
        for (String file : checker.scripts()) {
            Matcher m = used.matcher(checker.file(file));
            while (m.find()) {
                assertTrue(file + " uses a missing key " + m.group(1), en.containsKey(m.group(1)));
            }
        }
        // Keys handed to t() through a variable (a label key, a "done" message): any quoted lab.* that is no privilege.
        // Keys built from values the API answers: every flag, priority, status and kind has its text.
        for (String prefix : Set.of("lab.flag.", "lab.flag.plain.")) {
            for (String flag : Set.of("N", "L", "H", "LL", "HH", "A")) {
                assertTrue(prefix + flag, en.containsKey(prefix + flag));
            }
        }
        for (String p : Set.of("ROUTINE", "URGENT", "STAT")) {
            assertTrue(en.containsKey("lab.priority." + p));
        }
        for (String s : Set.of("ORDERED", "COLLECTED", "RECEIVED", "IN_PROGRESS", "RESULTED", "VERIFIED", "RELEASED",
                "REJECTED", "CANCELLED", "ACTIVE", "COMPLETED", "ENTERED")) {
            assertTrue("status " + s, en.containsKey("lab.status." + s));
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
        Set<String> found = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\w+)\\}").matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    public void everyInputSelectAndTextareaHasALabel() throws IOException {
        Pattern control = Pattern.compile("<(input|select|textarea)\\b[^>]*?\\sid=\"([^\"]+)\"");
        Pattern hidden = Pattern.compile("<input\\b[^>]*type=\"hidden\"");
        for (String file : checker.scripts()) {
            String js = checker.file(file);
            Matcher m = control.matcher(js);
            while (m.find()) {
                String id = m.group(2);
                assertTrue(file + ": no <label for> for " + id, js.contains("for=\"" + id + "\""));
            }
            Matcher any = Pattern.compile("<(input|select|textarea)\\b[^>]*>").matcher(js);
            while (any.find()) {
                String tag = any.group();
                assertTrue(file + ": a control without an id cannot be labelled: " + tag,
                        tag.contains(" id=\"") || hidden.matcher(tag).find());
            }
        }
    }

    @Test
    public void scriptsCallOnlyTheLaboratoryApiAndNoInlineHandlers() throws IOException {
        Pattern call = Pattern.compile("api\\.(get|post|put|patch|del|upload|blob)\\(\\s*([^,)]+)");
        int calls = 0;
        for (String file : checker.scripts()) {
            String js = checker.file(file);
            Matcher m = call.matcher(js);
            while (m.find()) {
                calls++;
                String path = m.group(2).trim();
                assertTrue(file + " calls " + path + " outside the laboratory's API",
                        path.startsWith("`${BASE}") || path.startsWith("'/lab/") || path.equals("path"));
            }
            assertFalse(file + " writes to the address", js.contains("pushState") || js.contains("location.search"));
            assertFalse(file + " has an inline handler", Pattern.compile("\\son[a-z]+=\"").matcher(js).find());
        }
        assertTrue("the pages call the API", calls > 10);
        assertTrue(checker.file("common.js").contains("export const BASE = '/lab';"));
    }
}
