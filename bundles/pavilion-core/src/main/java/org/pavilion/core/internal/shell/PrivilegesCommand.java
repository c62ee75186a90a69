package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pavilion.core.internal.security.PrivilegeView;
import org.pavilion.core.internal.security.RoleAdministration;

@Service
@Command(scope = "pavilion", name = "privileges",
        description = "Lists the privileges of every module the platform has seen, whether available, and the roles granting each")
public class PrivilegesCommand implements Action {

    @Reference
    private RoleAdministration roles;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Privilege");
        table.column("Module");
        table.column("Available");
        table.column("Roles");
        table.column("Description");
        for (PrivilegeView p : roles.privileges()) {
            table.addRow().addContent(p.name, p.module, p.available ? "yes" : "no (module not installed)",
                    String.join(",", p.roles), p.description);
        }
        table.print(System.out);
        return null;
    }
}
