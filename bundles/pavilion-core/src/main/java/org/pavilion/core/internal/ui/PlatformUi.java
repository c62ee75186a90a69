package org.pavilion.core.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The platform's own pages in the web UI (files under {@code /ui} of the core bundle): the signed-in user's account
 * (staff and portal) and the administrators' users, roles, audit trail and modules. The core registers them like any
 * department would, so the shell knows nothing of them; each page calls the same REST endpoints as other clients, and
 * those check their own privileges.
 */
@Component(service = UiContribution.class)
public class PlatformUi implements UiContribution {

    static final String ID = "platform";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                // Any signed-in user changes their own password; reached from the shell's user menu, not the nav.
                new UiPage("/account", "account.js", "platform-account", "platform.page.account", null, null, 0),
                new UiPage("/portal/account", "account.js", "platform-account", "platform.page.account", null, null, 0),
                new UiPage("/admin/users", "users.js", "platform-users", "platform.page.users",
                        "platform.user.manage", "admin", 10),
                new UiPage("/admin/roles", "roles.js", "platform-roles", "platform.page.roles",
                        "platform.role.manage", "admin", 20),
                new UiPage("/admin/audit", "audit.js", "platform-audit", "platform.page.audit",
                        "platform.audit.view", "admin", 30),
                new UiPage("/admin/modules", "modules.js", "platform-modules", "platform.page.modules",
                        "platform.module.view", "admin", 40));
    }
}
