package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.security.RoleAdministration;

@Service
@Command(scope = "pavilion", name = "role-create", description = "Creates a role with no privileges yet")
public class RoleCreateCommand implements Action {

    @Reference
    private RoleAdministration roles;

    @Argument(index = 0, name = "name", required = true, description = "Role name, e.g. cashier")
    private String name;

    @Argument(index = 1, name = "description", description = "What the role is for")
    private String description;

    @Override
    public Object execute() throws Exception {
        ShellCaller.run(() -> roles.create(name, description));
        System.out.println("Created role " + name);
        return null;
    }
}
