package org.pavilion.core.internal.security;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;

/**
 * Roles as administrators manage them (REST and shell): create, rename, grant and revoke, each audited. Signed-in
 * users see a change within {@link AuthConfig#privilegeRefreshSeconds()}.
 */
@Component(service = RoleAdministration.class)
public class RoleAdministration {

    private final RoleStore store;
    private final PrivilegeRegistry registry;
    private final AuditService audit;

    @Activate
    public RoleAdministration(@Reference AccountService accounts, @Reference PrivilegeRegistry registry,
            @Reference AuditService audit) {
        this.store = accounts.roleStore();
        this.registry = registry;
        this.audit = audit;
    }

    public List<PrivilegeView> privileges() {
        return registry.privileges();
    }

    public List<RoleView> roles() {
        return store.roles();
    }

    public RoleView role(String name) {
        return store.role(name);
    }

    public RoleView create(String name, String description) {
        RoleView v = store.create(name, description);
        audit.record(AuditEvent.of("CREATE", "role").resourceId(v.name).build());
        return v;
    }

    public RoleView update(String name, String newName, String description) {
        RoleView v = store.update(name, newName, description);
        audit.record(AuditEvent.of("UPDATE", "role").resourceId(v.name)
                .detail(v.name.equals(name) ? "described" : "renamed from " + name).build());
        return v;
    }

    public RoleView grant(String role, String privilege) {
        if (store.grant(role, privilege)) {
            audit.record(AuditEvent.of("GRANT", "role").resourceId(role).detail(privilege).build());
        }
        return store.role(role);
    }

    public RoleView revoke(String role, String privilege) {
        if (store.revoke(role, privilege)) {
            audit.record(AuditEvent.of("REVOKE", "role").resourceId(role).detail(privilege).build());
        }
        return store.role(role);
    }
}
