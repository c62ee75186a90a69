package org.pavilion.core.api.security;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The caller of the work running on this thread. The platform sets it for every authenticated REST or
 * SOAP request; routes and timers that act on their own set a system caller with {@link #runAs}.
 */
public final class CallerContext {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CallerContext() {
    }

    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The caller, or an {@link IllegalStateException} when the thread runs for nobody. */
    public static Caller require() {
        Caller caller = CURRENT.get();
        if (caller == null) {
            throw new IllegalStateException("No caller bound to this thread");
        }
        return caller;
    }

    public static <T> T runAs(Caller caller, Callable<T> work) throws Exception {
        Caller previous = CURRENT.get();
        CURRENT.set(caller);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Binds a caller for the rest of the current request; the platform clears it when the request ends. */
    public static void bind(Caller caller) {
        CURRENT.set(caller);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
