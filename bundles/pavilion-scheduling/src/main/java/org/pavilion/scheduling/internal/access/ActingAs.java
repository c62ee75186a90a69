package org.pavilion.scheduling.internal.access;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * The current caller, same name and address (so the audit trail names who really acted), with the department's
 * privileges a face grants for work it has already admitted: the SIU handler for what a scheduling feed does (the
 * hub's feed caller holds only the EMR's feed privileges), the SOAP service for an INTEGRATION account that passed
 * {@code scheduling.soap.book}. The appointment book then asks the EMR's PatientAccess with those, as for the desk.
 */
public final class ActingAs {

    private ActingAs() {
    }

    /**
     * The current caller plus {@code privileges}, everything else kept: its name, roles, address and, for a patient's
     * own account, its patient id (so the account still reaches its own record only). An in-container caller named
     * {@code fallbackName} when none is bound.
     */
    public static Caller callerWith(Set<String> privileges, String fallbackName) {
        Optional<Caller> current = CallerContext.current();
        if (current.isEmpty()) {
            return Caller.inContainer(fallbackName, privileges, "local");
        }
        Caller caller = current.get();
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

    /** Runs {@code work} as {@link #callerWith}; unchecked exceptions pass through as they are. */
    public static <T> T run(Set<String> privileges, String fallbackName, Callable<T> work) {
        try {
            return CallerContext.runAs(callerWith(privileges, fallbackName), work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
