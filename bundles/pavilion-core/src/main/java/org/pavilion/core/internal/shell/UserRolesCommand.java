package org.pavilion.core.internal.shell;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.UserView;

@Service
@Command(scope = "pavilion", name = "user-roles",
        description = "Sets the roles a user holds (their sessions end, so it takes effect at once)")
public class UserRolesCommand implements Action {

    @Reference
    private AccountService accounts;

    @Argument(index = 0, name = "username", required = true, description = "User name")
    private String username;

    @Argument(index = 1, name = "roles", required = true, multiValued = true, description = "Role names")
    private List<String> roles;

    @Option(name = "--patient-id", description = "The patient record a PATIENT account is linked to")
    private String patientId;

    @Override
    public Object execute() throws Exception {
        UserView v = ShellCaller.run(() -> accounts.changeRoles(username, Set.copyOf(roles),
                patientId != null ? patientId : accounts.get(username).patientId));
        System.out.println(v.username + " now holds " + String.join(",", v.roles));
        return null;
    }
}
