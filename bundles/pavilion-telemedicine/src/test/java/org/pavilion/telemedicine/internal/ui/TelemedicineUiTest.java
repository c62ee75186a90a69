package org.pavilion.telemedicine.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiPage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The department's page list: routes, sections and privileges the bundle declares, modules that exist and define
 * their element, every message key the scripts use in English and French, and none of the forbidden browser APIs.
 */
public class TelemedicineUiTest {

    private static final List<String> SCRIPTS = List.of("common.js", "call.js", "portal-card.js", "portal-video.js",
            "waiting-room.js");

    private final TelemedicineUi ui = new TelemedicineUi();

    private static String resource(String path) throws IOException {
        try (InputStream in = TelemedicineUiTest.class.getResourceAsStream(path)) {
            assertNotNull("missing " + path, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> messages(String lang) throws IOException {
        return new ObjectMapper().readValue(resource("/ui/i18n/" + lang + ".json"),
                new TypeReference<TreeMap<String, String>>() { });
    }

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

    @Test
    public void everyPrivilegeIsOneTheBundleDeclares() throws IOException {
        Properties declared = new Properties();
        declared.load(new StringReader(resource("/OSGI-INF/pavilion/privileges.properties")));
        for (UiPage p : ui.pages()) {
            assertTrue(p.route() + " needs an undeclared " + p.privilege(), declared.containsKey(p.privilege()));
        }
        for (UiCard c : ui.cards()) {
            assertTrue(declared.containsKey(c.privilege()));
        }
    }

    @Test
    public void everyModuleExistsAndDefinesItsElement() throws IOException {
        for (UiPage p : ui.pages()) {
            String js = resource(ui.resourceRoot() + "/" + p.module());
            assertTrue(p.module() + " defines " + p.element(), js.contains("define('" + p.element() + "'"));
        }
        for (UiCard c : ui.cards()) {
            assertTrue(resource(ui.resourceRoot() + "/" + c.module()).contains("define('" + c.element() + "'"));
        }
    }

    @Test
    public void messagesInEnglishAndFrenchForEveryKeyUsed() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> fr = messages("fr");
        assertEquals("the same keys in both languages", en.keySet(), fr.keySet());
        for (String key : en.keySet()) {
            assertTrue("key prefixed with the contribution id: " + key, key.startsWith("telemedicine."));
            assertFalse("empty French text for " + key, fr.get(key).isBlank());
        }
        for (UiPage p : ui.pages()) {
            assertTrue("title " + p.titleKey(), en.containsKey(p.titleKey()));
        }
        assertTrue(en.containsKey(ui.cards().get(0).titleKey()));
        // Every literal key a script asks for: t('telemedicine....')
        Pattern used = Pattern.compile("t\\('(telemedicine\\.[A-Za-z0-9.\\-]+)'");
        for (String file : SCRIPTS) {
            Matcher m = used.matcher(resource("/ui/" + file));
            while (m.find()) {
                assertTrue(file + " uses a missing key " + m.group(1), en.containsKey(m.group(1)));
            }
        }
    }

    /** Keys built from a value ({@code telemedicine.call.${state}}): every state the call can be in has its text. */
    @Test
    public void everyCallStateAndRouteHasItsText() throws IOException {
        Map<String, String> en = messages("en");
        String call = resource("/ui/call.js");
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
        Matcher routes = Pattern.compile("ROUTES = \\[([^\\]]+)\\]").matcher(resource("/ui/waiting-room.js"));
        assertTrue(routes.find());
        for (String route : routes.group(1).replace("'", "").split(",\\s*")) {
            assertTrue("no text for the route " + route, en.containsKey("telemedicine.route." + route));
        }
        for (String what : List.of("note", "diagnosis", "prescription")) {
            assertTrue(en.containsKey("telemedicine.panel." + what + ".done"));
        }
    }

    @Test
    public void scriptsUseNoForbiddenBrowserApis() throws IOException {
        for (String file : SCRIPTS) {
            String js = resource("/ui/" + file);
            for (String forbidden : Set.of("innerHTML", "localStorage", "sessionStorage", "document.title", "eval(",
                    "location.search", "pushState")) {
                assertFalse(file + " uses " + forbidden, js.contains(forbidden));
            }
        }
    }
}
