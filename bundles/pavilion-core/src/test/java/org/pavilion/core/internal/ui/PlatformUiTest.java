package org.pavilion.core.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
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
 * The platform's page list: routes, privileges the core declares, modules that exist and define their element,
 * messages in English and French for every title, and none of the browser APIs the UI rules forbid.
 */
public class PlatformUiTest {

    private final PlatformUi ui = new PlatformUi();

    private static String resource(String path) throws IOException {
        try (InputStream in = PlatformUiTest.class.getResourceAsStream(path)) {
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
        assertEquals("platform", ui.id());
        assertEquals("/ui", ui.resourceRoot());
        assertEquals(Set.of("/account", "/portal/account", "/admin/users", "/admin/roles", "/admin/audit",
                "/admin/modules"), ui.pages().stream().map(UiPage::route).collect(Collectors.toSet()));
        assertNull(page("/account").privilege());
        assertNull(page("/account").navSection());
        assertTrue(page("/portal/account").portal());
        assertEquals("platform-account", page("/portal/account").element());
        assertEquals("platform.user.manage", page("/admin/users").privilege());
        assertEquals("platform.role.manage", page("/admin/roles").privilege());
        assertEquals("platform.audit.view", page("/admin/audit").privilege());
        assertEquals("platform.module.view", page("/admin/modules").privilege());
        for (String admin : Set.of("/admin/users", "/admin/roles", "/admin/audit", "/admin/modules")) {
            assertEquals("admin", page(admin).navSection());
        }
        assertTrue(ui.cards().isEmpty());
    }

    @Test
    public void everyPrivilegeIsOneTheCoreDeclares() throws IOException {
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
            assertTrue("key prefixed with the contribution id: " + key, key.startsWith("platform."));
            assertFalse("empty French text for " + key, fr.get(key).isBlank());
        }
        for (UiPage p : ui.pages()) {
            assertTrue("title " + p.titleKey(), en.containsKey(p.titleKey()));
        }
    }

    @Test
    public void scriptsUseNoForbiddenBrowserApis() throws IOException {
        for (String file : Set.of("common.js", "account.js", "users.js", "roles.js", "audit.js", "modules.js")) {
            String js = resource("/ui/" + file);
            for (String forbidden : Set.of("innerHTML", "localStorage", "sessionStorage", "document.title", "eval(")) {
                assertFalse(file + " uses " + forbidden, js.contains(forbidden));
            }
        }
    }
}
