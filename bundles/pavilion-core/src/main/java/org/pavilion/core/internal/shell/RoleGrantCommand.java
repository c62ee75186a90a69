package org.pavilion.core.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.security.RoleAdministration;

@Service
@Command(scope = "pavilion", name = "role-grant",
        description = "Grants privileges to a role (or revokes them with --revoke); signed-in users see it within the refresh bound")
public class RoleGrantCommand implements Action {

    @Reference
    private RoleAdministration roles;

    @Argument(index = 0, name = "role", required = true, description = "Role name")
    private String role;

    @Argument(index = 1, name = "privileges", required = true, multiValued = true, description = "Privilege names")
    private List<String> privileges;

    @Option(name = "--revoke", description = "Revoke instead of grant")
    private boolean revoke;

    @Override
    public Object execute() throws Exception {
        for (String privilege : privileges) {
            ShellCaller.run(() -> revoke ? roles.revoke(role, privilege) : roles.grant(role, privilege));
            System.out.println((revoke ? "Revoked " : "Granted ") + privilege + (revoke ? " from " : " to ") + role);
        }
        return null;
    }
}
