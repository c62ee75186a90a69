package org.pavilion.emr.internal;

/**
 * What of a failure may go into a log line at INFO or above (issue #20, PHI stays out of logs). A failure's message
 * is written by whoever threw it (a department's participant, a JDBC driver quoting the key that clashed, a JSON
 * parser quoting the input) and may hold an MRN, a name or a national id; its class and stack frames do not. So a
 * failure is logged as {@link #failure}: the same classes, frames and causes, every message left out. The full
 * failure goes to the place that is allowed to hold identifiers (a report, the audit trail) or to DEBUG.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** {@code t} and its causes with their stack frames and class names but without their messages. */
    public static Throwable failure(Throwable t) {
        return t == null ? null : new Withheld(t, 0);
    }

    /** The failure's class and those of its causes, "IllegalStateException <- SQLException", for one log line. */
    public static String classes(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null && s.length() < 500; c = c.getCause() == c ? null : c.getCause()) {
            s.append(s.length() == 0 ? "" : " <- ").append(c.getClass().getSimpleName());
        }
        return s.toString();
    }

    /** Stands for a failure in a log: prints as its original class, frames as the original's. */
    static final class Withheld extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final int MAX_DEPTH = 20;
        private final String originalClass;

        Withheld(Throwable original, int depth) {
            super(original.getClass().getName() + " (message withheld from the log)",
                    original.getCause() == null || original.getCause() == original || depth >= MAX_DEPTH ? null
                            : new Withheld(original.getCause(), depth + 1), false, true);
            this.originalClass = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        /** The class of the failure this stands for. */
        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
