package org.pavilion.core.api.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.NoSuchElementException;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether an exception's cause chain says the database is unavailable or too slow rather than the request
 * wrong: connection failures (SQLState class 08, H2 90067/90098/90121), insufficient resources (class 53),
 * administrator shutdown or recovery (57P01-57P03), lock not available or lock timeout (55P03, H2 50200),
 * statement cancelled by its timeout (57014), deadlock (40P01, H2 40001: the loser can simply retry), and an
 * exhausted connection pool (dbcp2's "Timeout waiting for idle object").
 *
 * <p>REST answers such a failure with 503 and Retry-After; a {@link GroupCommitter} does not retry the works of a
 * group that failed so one by one (each would wait for the same timeout again).
 *
 * @since 2.3
 */
@ProviderType
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** A short description without the messages (they may quote patient data), or null. */
    public static String why(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return why(e, seen);
    }

    private static String why(Throwable t, Set<Throwable> seen) {
        for (; t != null && seen.add(t); t = t.getCause()) {
            String found = classify(t);
            if (found != null) {
                return found;
            }
            if (t instanceof SQLException) {
                SQLException next = ((SQLException) t).getNextException();
                String nested = next == null ? null : why(next, seen);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static String classify(Throwable t) {
        if (t instanceof SQLException) {
            SQLException s = (SQLException) t;
            String state = s.getSQLState();
            if (unavailableState(state) || unavailableH2Code(s.getErrorCode(), state)) {
                return "SQLState " + state + ", code " + s.getErrorCode();
            }
            if (t instanceof SQLTimeoutException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return t.getClass().getSimpleName();
            }
        }
        if (t instanceof NoSuchElementException && t.getMessage() != null
                && (t.getMessage().startsWith("Timeout waiting for idle object")
                        || t.getMessage().startsWith("Pool exhausted"))) {
            return "connection pool exhausted";
        }
        // JPA's own timeouts, by name: the core bundle does not import javax.persistence here.
        String name = t.getClass().getName();
        if (name.endsWith(".LockTimeoutException") || name.endsWith(".QueryTimeoutException")) {
            return t.getClass().getSimpleName();
        }
        return null;
    }

    public static boolean unavailableState(String state) {
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.equals("57P01")
                || state.equals("57P02") || state.equals("57P03") || state.equals("55P03")
                || state.equals("57014") || state.equals("40P01");
    }

    /** H2 gives its error code as the SQLState for most errors; its lock timeout is HYT00 with 50200. */
    static boolean unavailableH2Code(int code, String state) {
        switch (code) {
        case 50200: // LOCK_TIMEOUT_1
        case 40001: // DEADLOCK_1
        case 90067: // CONNECTION_BROKEN_1
        case 90098: // DATABASE_IS_CLOSED
        case 90121: // DATABASE_CALLED_AT_SHUTDOWN
            return true;
        default:
            return "HYT00".equals(state) || "90067".equals(state) || "90098".equals(state)
                    || "90121".equals(state);
        }
    }
}
