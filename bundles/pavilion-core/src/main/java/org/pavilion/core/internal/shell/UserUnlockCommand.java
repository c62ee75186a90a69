package org.pavilion.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.internal.security.AccountService;
import org.pavilion.core.internal.security.LockedAddress;
import org.pavilion.core.internal.security.UserView;

@Service
@Command(scope = "pavilion", name = "user-unlock",
        description = "Lifts every lock of an account after failed logins (all client addresses); audited")
public class UserUnlockCommand implements Action {

    @Reference
    private AccountService accounts;

    @Argument(index = 0, name = "username", required = true, description = "User name")
    private String username;

    @Override
    public Object execute() throws Exception {
        UserView before = accounts.get(username);
        ShellCaller.run(() -> accounts.unlock(username));
        if (before.lockedAddresses.isEmpty()) {
            System.out.println(before.username + " was not locked");
        } else {
            for (LockedAddress a : before.lockedAddresses) {
                System.out.println("Unlocked " + before.username + " for " + a.clientAddress);
            }
        }
        return null;
    }
}
