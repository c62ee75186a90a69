package org.pavilion.core.internal.shell;

import java.util.List;
import java.util.concurrent.Callable;

import org.apache.karaf.shell.api.action.Action;

/**
 * The shape {@code pavilion:role-grant} and {@code pavilion:user-roles} share: one holder (a role, a user), the names it
 * is given (privileges, roles), each change made as the console actor so the audit trail says it came from the shell,
 * and one line per change for the operator. The arguments stay on the commands so their help names what they are.
 */
abstract class HolderCommand implements Action {

    /** The role or user the command changes. */
    abstract String holder();

    /** The names given on the command line, duplicates dropped before the change. */
    abstract List<String> names();

    /** The changes, each applied (and committed) on its own; each answers the line the operator reads. */
    abstract List<Callable<String>> changes(String holder, List<String> names);

    @Override
    public Object execute() throws Exception {
        for (Callable<String> change : changes(holder(), names().stream().distinct().toList())) {
            System.out.println(ShellCaller.run(change));
        }
        return null;
    }
}
