package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.security.totp.SecondFactors;

@Service
@Command(scope = "pavilion", name = "role-second-factor",
        description = "Shows, or sets (true/false), whether a role's holders must sign in with a TOTP second factor")
public class RoleSecondFactorCommand implements Action {

    @Reference
    private SecondFactors secondFactors;

    @Argument(index = 0, name = "role", required = true, description = "Role name")
    private String role;

    @Argument(index = 1, name = "required", required = false, description = "true or false; omitted: show it")
    private String required;

    @Override
    public Object execute() throws Exception {
        if (required != null) {
            if (!"true".equalsIgnoreCase(required) && !"false".equalsIgnoreCase(required)) {
                System.err.println("required is true or false");
                return null;
            }
            ShellCaller.run(() -> {
                secondFactors.setRoleRequires(role, Boolean.parseBoolean(required));
                return null;
            });
        }
        boolean now = ShellCaller.run(() -> secondFactors.roleRequires(role));
        System.out.println("Role " + role + (now ? " requires" : " does not require") + " a second factor");
        return null;
    }
}
