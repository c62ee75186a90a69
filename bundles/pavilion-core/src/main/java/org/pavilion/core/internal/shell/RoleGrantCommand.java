package org.pavilion.core.internal.shell;

import java.util.List;
import java.util.concurrent.Callable;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.security.RoleAdministration;

@Service
@Command(scope = "pavilion", name = "role-grant",
        description = "Grants privileges to a role (or revokes them with --revoke); signed-in users see it within the refresh bound")
public class RoleGrantCommand extends HolderCommand {

    @Reference
    private RoleAdministration roles;

    @Argument(index = 0, name = "role", required = true, description = "Role name")
    private String role;

    @Argument(index = 1, name = "privileges", required = true, multiValued = true, description = "Privilege names")
    private List<String> privileges;

    @Option(name = "--revoke", description = "Revoke instead of grant")
    private boolean revoke;

    @Override
    String holder() {
        return role;
    }

    @Override
    List<String> names() {
        return privileges;
    }

    /** One change per privilege, so the ones before a refused name stay granted and are reported. */
    @Override
    List<Callable<String>> changes(String role, List<String> privileges) {
        return privileges.stream().<Callable<String>>map(privilege -> () -> {
            if (revoke) {
                roles.revoke(role, privilege);
                return "Revoked " + privilege + " from " + role;
            }
            roles.grant(role, privilege);
            return "Granted " + privilege + " to " + role;
        }).toList();
    }
}
