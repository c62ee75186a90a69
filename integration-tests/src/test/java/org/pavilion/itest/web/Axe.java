package org.pavilion.itest.web;

import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.deque.html.axecore.providers.StringAxeScriptProvider;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.openqa.selenium.interactions.Actions;

/**
 * axe-core run inside the page (WCAG 2.x A and AA rules): a test collects the serious and critical violations of
 * every page it visits, printed as they are found, and fails at the end with all of them, so one run shows every
 * page's problems rather than the first.
 */
public final class Axe {

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private final List<String> found = new ArrayList<>();

    /** Checks what is on screen now, under the name {@code page}. */
    public void check(Browser browser, String page) {
        // Legacy mode runs axe.run() in the page itself; the default opens a blank window to merge frame results,
        // which our pages (no iframes) do not need and which times out on a loaded CI machine.
        // The pointer rests where the last click was (often a button since replaced by other content): park it in
        // the corner so a hover style does not make the result depend on where that click happened.
        new Actions(browser.driver()).moveToLocation(0, 0).perform();
        AxeBuilder axe = new AxeBuilder().withTags(TAGS).setLegacyMode(true).disableIframeTesting();
        // The shell changes pages without reloading the document: axe-core (550 KB) is sent once per document.
        if (Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object' && typeof window.axe.run === 'function';"))) {
            axe.setAxeScriptProvider(new StringAxeScriptProvider(";"));
        }
        Results r = axe.analyze(browser.driver());
        if (r.isErrored()) {
            found.add(page + ": axe-core did not run: " + r.getErrorMessage());
            return;
        }
        for (Rule v : r.getViolations()) {
            if (!BLOCKING.contains(v.getImpact())) {
                continue;
            }
            StringBuilder s = new StringBuilder(page).append(" @").append(browser.driver().manage().window().getSize()
                    .getWidth()).append("px: [").append(v.getImpact()).append("] ").append(v.getId()).append(": ")
                    .append(v.getHelp());
            for (CheckedNode n : v.getNodes()) {
                s.append("\n      ").append(n.getTarget()).append("  ").append(abbreviate(n.getHtml()));
                if (n.getFailureSummary() != null) {
                    s.append("\n        ").append(n.getFailureSummary().replace("\n", "\n        "));
                }
            }
            System.out.println("[axe] " + s);
            found.add(s.toString());
        }
    }

    /** Fails with every serious or critical violation seen so far. */
    public void assertNone() {
        if (!found.isEmpty()) {
            fail(found.size() + " serious or critical accessibility violation(s):\n  " + String.join("\n  ", found));
        }
    }

    private static String abbreviate(String html) {
        return html == null || html.length() <= 200 ? html : html.substring(0, 200) + "...";
    }
}
