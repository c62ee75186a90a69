package org.pavilion.scheduling.internal.ui;

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
public class SchedulingUiTest {

    private static final List<String> SCRIPTS = List.of("common.js", "appointments.js", "chart-appointments.js",
            "doctors.js", "portal-appointments.js", "portal-card.js");

    private final SchedulingUi ui = new SchedulingUi();

    private static String resource(String path) throws IOException {
        try (InputStream in = SchedulingUiTest.class.getResourceAsStream(path)) {
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
        assertEquals("scheduling", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/appointments", "/chart/appointments", "/scheduling/doctors", "/portal/appointments"),
                ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertEquals("scheduling.appointment.view", page("/appointments").privilege());
        assertEquals("clinical", page("/appointments").navSection());
        assertEquals("chart", page("/chart/appointments").navSection());
        assertEquals("scheduling.doctor.edit", page("/scheduling/doctors").privilege());
        assertEquals("admin", page("/scheduling/doctors").navSection());
        assertTrue(page("/portal/appointments").portal());
        assertEquals("scheduling.appointment.own", page("/portal/appointments").privilege());
        assertEquals(1, ui.cards().size());
        assertEquals("scheduling.appointment.own", ui.cards().get(0).privilege());
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
            assertTrue("key prefixed with the contribution id: " + key, key.startsWith("scheduling."));
            assertFalse("empty French text for " + key, fr.get(key).isBlank());
        }
        for (UiPage p : ui.pages()) {
            assertTrue("title " + p.titleKey(), en.containsKey(p.titleKey()));
        }
        assertTrue(en.containsKey(ui.cards().get(0).titleKey()));
        // Every literal key a script asks for: t('scheduling....')
        Pattern used = Pattern.compile("t\\('(scheduling\\.[A-Za-z0-9.\\-]+)'");
        for (String file : SCRIPTS) {
            Matcher m = used.matcher(resource("/ui/" + file));
            while (m.find()) {
                assertTrue(file + " uses a missing key " + m.group(1), en.containsKey(m.group(1)));
            }
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
