package org.pavilion.core.internal.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.pavilion.core.api.ui.UiPage;
import org.pavilion.core.testing.UiContributionChecker;

/**
 * The platform's page list: routes, privileges the core declares, modules that exist and define their element,
 * messages in English and French for every title, and none of the browser APIs the UI rules forbid.
 */
public class PlatformUiTest {

    private final PlatformUi ui = new PlatformUi();
    private final UiContributionChecker checker = new UiContributionChecker(ui);

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
    public void passesTheSharedContributionChecks() throws IOException {
        // Privileges declared, modules define their elements, en/fr alike, no forbidden browser API in any script.
        checker.checkAll();
    }
}
