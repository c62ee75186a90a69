package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pavilion.core.internal.security.RoleAdministration;
import org.pavilion.core.internal.security.RoleView;

@Service
@Command(scope = "pavilion", name = "roles", description = "Lists the roles and the privileges each grants")
public class RolesCommand implements Action {

    @Reference
    private RoleAdministration roles;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Role");
        table.column("Seeded");
        table.column("Privileges");
        table.column("Description");
        for (RoleView r : roles.roles()) {
            table.addRow().addContent(r.name, r.seeded ? "yes" : "no", String.join(",", r.privileges), r.description);
        }
        table.print(System.out);
        return null;
    }
}
