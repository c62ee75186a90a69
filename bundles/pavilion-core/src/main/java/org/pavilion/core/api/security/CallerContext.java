package org.pavilion.core.api.security;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The caller of the work running on this thread. The platform sets it for every authenticated REST or
 * SOAP request; routes and timers that act on their own set a system caller with {@link #runAs}.
 */
@ProviderType
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

    /**
     * The current caller with {@code privileges} added, for a face that grants its department's privileges for work
     * it has already admitted (an HL7 handler under the hub's feed caller, a SOAP operation under an INTEGRATION
     * account). Everything else is kept, so the audit trail names who really acted and a patient's own account still
     * reaches only its own record. When no caller is bound: an {@link Caller#inContainer in-container} caller named
     * {@code fallbackName} holding just {@code privileges}.
     *
     * @since 2.1
     */
    public static Caller currentWith(Set<String> privileges, String fallbackName) {
        Caller caller = CURRENT.get();
        if (caller == null) {
            return Caller.inContainer(fallbackName, privileges, "local");
        }
        Set<String> all = new HashSet<>(privileges);
        all.addAll(caller.privileges());
        Set<String> granted = Set.copyOf(all);
        return new Caller() {
            @Override
            public String username() {
                return caller.username();
            }

            @Override
            public Set<String> roles() {
                return caller.roles();
            }

            @Override
            public Set<String> privileges() {
                return granted;
            }

            @Override
            public Optional<String> patientId() {
                return caller.patientId();
            }

            @Override
            public String clientAddress() {
                return caller.clientAddress();
            }

            @Override
            public String toString() {
                return caller + " with " + privileges;
            }
        };
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
