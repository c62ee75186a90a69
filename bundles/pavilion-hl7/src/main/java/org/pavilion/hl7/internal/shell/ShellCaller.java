package org.pavilion.hl7.internal.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

/**
 * Who runs a shell command: Karaf runs each console and SSH session as its JAAS subject, whose role principals
 * (etc/users.properties or the configured realm) say what the user may do. Changing what is applied to patients'
 * records from the shell needs the role {@code admin} or {@code hl7.message.replay}, as over REST it needs that
 * privilege; a session without a subject may not.
 */
final class ShellCaller {

    static final String REPLAY_ROLE = "hl7.message.replay";

    private ShellCaller() {
    }

    @SuppressWarnings("removal") // Karaf 4.4 on Java 17 still hands the session's subject through the context
    private static Subject subject() {
        return Subject.getSubject(AccessController.getContext());
    }

    static Set<String> roles() {
        Subject s = subject();
        if (s == null) {
            return Set.of();
        }
        return s.getPrincipals().stream().filter(p -> p.getClass().getSimpleName().equals("RolePrincipal"))
                .map(Principal::getName).collect(Collectors.toSet());
    }

    static boolean mayReplay() {
        Set<String> roles = roles();
        return roles.contains("admin") || roles.contains(REPLAY_ROLE);
    }

    static String name() {
        Subject s = subject();
        if (s == null) {
            return "unknown";
        }
        return s.getPrincipals().stream().filter(p -> p.getClass().getSimpleName().equals("UserPrincipal"))
                .map(Principal::getName).findFirst().orElse("unknown");
    }
}
