package org.pavilion.core.internal.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

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

    /**
     * Grants {@code privilege} to {@code role}, audited in the same transaction. When the caller holds the role and
     * it gives them a clinical privilege they did not have, a second record {@code SELF_GRANT_CLINICAL} flagged as
     * emergency access commits with it: allowed (an administrator may be a doctor too) but visible.
     */
    public RoleView grant(String role, String privilege) {
        Optional<Caller> caller = CallerContext.current();
        AuditedTransaction.run(store.entityManagerFactory(), audit, em -> {
            Connection c = JpaTransactions.connection(em);
            try {
                Set<String> before = caller.isPresent() ? store.grantsOf(c, caller.get().username()).privileges()
                        : Set.of();
                if (!store.grant(c, role, privilege)) {
                    return new AuditedTransaction.Done<>(null, List.of());
                }
                List<AuditEvent> records = new ArrayList<>();
                records.add(AuditEvent.of("GRANT", "role").resourceId(role).detail(privilege).build());
                if (caller.isPresent()) {
                    String me = caller.get().username();
                    ClinicalPrivileges.selfGrant(me, before, store.grantsOf(c, me).privileges(),
                            "granting " + privilege + " to role " + role).ifPresent(records::add);
                }
                return new AuditedTransaction.Done<>(null, records);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        return store.role(role);
    }

    public RoleView revoke(String role, String privilege) {
        if (store.revoke(role, privilege)) {
            audit.record(AuditEvent.of("REVOKE", "role").resourceId(role).detail(privilege).build());
        }
        return store.role(role);
    }
}
