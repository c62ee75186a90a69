package org.pavilion.hl7.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HL7 monitor's page list: routes, privileges the hub declares, modules that exist and define their element,
 * messages in English and French for every title, and none of the browser APIs the UI rules forbid.
 */
public class Hl7UiTest {

    private final Hl7Ui ui = new Hl7Ui();

    private static String resource(String path) throws IOException {
        try (InputStream in = Hl7UiTest.class.getResourceAsStream(path)) {
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
        assertEquals("hl7", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/integration/hl7", "/integration/hl7-outbound"),
                ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("hl7.message.view", page("/integration/hl7").privilege());
        assertEquals("hl7-inbound", page("/integration/hl7").element());
        assertEquals("hl7.outbound.view", page("/integration/hl7-outbound").privilege());
        assertEquals("hl7-outbound", page("/integration/hl7-outbound").element());
        for (UiPage p : ui.pages()) {
            assertEquals("integration", p.navSection());
            assertFalse(p.portal());
        }
        assertTrue(ui.cards().isEmpty());
    }

    @Test
    public void everyPrivilegeIsOneTheHubDeclares() throws IOException {
        Properties declared = new Properties();
        declared.load(new java.io.StringReader(resource("/OSGI-INF/pavilion/privileges.properties")));
        for (UiPage p : ui.pages()) {
            if (p.privilege() != null) {
                assertTrue(p.route() + " needs an undeclared " + p.privilege(), declared.containsKey(p.privilege()));
            }
        }
    }

    @Test
    public void everyModuleExistsAndDefinesItsElement() throws IOException {
        for (UiPage p : ui.pages()) {
            String js = resource(ui.resourceRoot() + "/" + p.module());
            assertTrue(p.module() + " defines " + p.element(),
                    js.contains("customElements.define('" + p.element() + "'"));
        }
    }

    @Test
    public void messagesInEnglishAndFrenchForEveryTitle() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> fr = messages("fr");
        assertEquals("the same keys in both languages", en.keySet(), fr.keySet());
        for (String key : en.keySet()) {
            assertTrue("key prefixed with the contribution id: " + key, key.startsWith("hl7."));
            assertFalse("empty French text for " + key, fr.get(key).isBlank());
        }
        for (UiPage p : ui.pages()) {
            assertTrue("title " + p.titleKey(), en.containsKey(p.titleKey()));
        }
    }

    @Test
    public void scriptsUseNoForbiddenBrowserApis() throws IOException {
        for (String file : Set.of("common.js", "inbound.js", "outbound.js")) {
            String js = resource("/ui/" + file);
            for (String forbidden : Set.of("innerHTML", "localStorage", "sessionStorage", "document.title", "eval(")) {
                assertFalse(file + " uses " + forbidden, js.contains(forbidden));
            }
        }
    }
}
