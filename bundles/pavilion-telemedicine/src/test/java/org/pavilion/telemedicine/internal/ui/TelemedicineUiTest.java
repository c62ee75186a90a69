package org.pavilion.telemedicine.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;
import org.pavilion.core.testing.UiContributionChecker;

/**
 * The department's pages as the shell sees them: routes, sections and privileges, the shell's contribution checks
 * (declared privileges, modules defining their elements, every message key in English and French, no forbidden
 * browser API), a text for every state the call can be in, and no page reading a token from the request line.
 */
public class TelemedicineUiTest {

    private final TelemedicineUi ui = new TelemedicineUi();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

    private UiPage page(String route) {
        return ui.pages().stream().filter(p -> p.route().equals(route)).findFirst().orElseThrow();
    }

    @Test
    public void pagesAtTheirRoutesWithTheirPrivileges() {
        assertEquals("telemedicine", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/telemedicine/waiting-room", "/portal/video"),
                ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("telemedicine.consultation.host", page("/telemedicine/waiting-room").privilege());
        assertFalse(page("/telemedicine/waiting-room").portal());
        assertEquals("clinical", page("/telemedicine/waiting-room").navSection());
        assertTrue(page("/portal/video").portal());
        assertEquals("telemedicine.consultation.join", page("/portal/video").privilege());
        assertEquals(1, ui.cards().size());
        assertEquals("telemedicine.consultation.join", ui.cards().get(0).privilege());
    }

    /** Keys built from a value ({@code telemedicine.call.${state}}): every state the call can be in has its text. */
    @Test
    public void everyCallStateAndRouteHasItsText() throws IOException {
        Map<String, String> en = checker.messages("en");
        String call = checker.file("call.js");
        Matcher states = Pattern.compile("(?:state: |finish\\()'([a-z-]+)'").matcher(call);
        int seen = 0;
        while (states.find()) {
            seen++;
            assertTrue("no text for the call state " + states.group(1),
                    en.containsKey("telemedicine.call." + states.group(1)));
        }
        assertTrue("the call's states were found in call.js", seen >= 6);
        for (String over : List.of("ended", "left", "refused")) {
            assertTrue(en.containsKey("telemedicine.over." + over));
        }
        for (String state : List.of("SCHEDULED", "WAITING", "IN_CALL")) {
            assertTrue(en.containsKey("telemedicine.state." + state));
        }
        Matcher routes = Pattern.compile("ROUTES = \\[([^\\]]+)\\]").matcher(checker.file("waiting-room.js"));
        assertTrue(routes.find());
        for (String route : routes.group(1).replace("'", "").split(",\\s*")) {
            assertTrue("no text for the route " + route, en.containsKey("telemedicine.route." + route));
        }
        for (String what : List.of("note", "diagnosis", "prescription")) {
            assertTrue(en.containsKey("telemedicine.panel." + what + ".done"));
        }
    }

    @Test
    public void passesTheShellsContributionChecks() throws IOException {
        checker.checkAll();
    }

    /** A guest's token travels in the URL fragment, never in a request line; no page rewrites the history. */
    @Test
    public void noPageReadsTheQueryOrRewritesHistory() throws IOException {
        for (String file : checker.scripts()) {
            String js = checker.file(file);
            for (String forbidden : Set.of("location.search", "pushState")) {
                assertFalse(file + " uses " + forbidden, js.contains(forbidden));
            }
        }
    }
}
