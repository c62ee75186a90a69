package org.pavilion.notifications.internal;

import java.util.List;
import java.util.Map;

import java.sql.SQLException;

import javax.persistence.EntityExistsException;

import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.rest.ProblemException;

/** The department's 422: every problem of a body at once, in {@code detail} and as the {@code problems} list. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException unprocessable(List<String> problems) {
        return new ProblemException(422, "validation", "Unprocessable request", String.join("; ", problems),
                Map.of("problems", List.copyOf(problems)));
    }

    /**
     * True when a concurrent writer won: the version check, or the first row of a key inserted by two requests at
     * once (the second loses on the primary key: SQL state class 23). Answer 409.
     */
    public static boolean collided(Throwable e) {
        if (AuditedTransaction.lostRace(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EntityExistsException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
