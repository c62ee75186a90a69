package org.pavilion.core.internal.shell;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

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
public class UserRolesCommand extends HolderCommand {

    @Reference
    private AccountService accounts;

    @Argument(index = 0, name = "username", required = true, description = "User name")
    private String username;

    @Argument(index = 1, name = "roles", required = true, multiValued = true, description = "Role names")
    private List<String> roles;

    @Option(name = "--patient-id", description = "The patient record a PATIENT account is linked to")
    private String patientId;

    @Override
    String holder() {
        return username;
    }

    @Override
    List<String> names() {
        return roles;
    }

    /** One change: the user's whole role set is replaced at once. */
    @Override
    List<Callable<String>> changes(String username, List<String> roles) {
        return List.of(() -> {
            UserView v = accounts.changeRoles(username, Set.copyOf(roles),
                    patientId != null ? patientId : accounts.get(username).patientId);
            return v.username + " now holds " + String.join(",", v.roles);
        });
    }
}
