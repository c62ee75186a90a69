package org.pavilion.core.internal.shell;

import java.util.Set;
import java.util.concurrent.Callable;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/** Runs a shell command's change as the named console actor, so the audit trail says it came from the shell. */
final class ShellCaller {

    private static final Caller CONSOLE = Caller.inContainer("karaf-shell", Set.of(), "local");

    private ShellCaller() {
    }

    static <T> T run(Callable<T> work) throws Exception {
        return CallerContext.runAs(CONSOLE, work);
    }
}
