package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.security.RoleAdministration;

@Service
@Command(scope = "pavilion", name = "role-rename",
        description = "Renames a role (its grants and users stay with it), optionally with a new description")
public class RoleRenameCommand implements Action {

    @Reference
    private RoleAdministration roles;

    @Argument(index = 0, name = "name", required = true, description = "Current role name")
    private String name;

    @Argument(index = 1, name = "new-name", required = true, description = "New role name")
    private String newName;

    @Option(name = "--description", description = "New description")
    private String description;

    @Override
    public Object execute() throws Exception {
        ShellCaller.run(() -> roles.update(name, newName, description));
        System.out.println("Role " + name + " is now " + newName);
        return null;
    }
}
