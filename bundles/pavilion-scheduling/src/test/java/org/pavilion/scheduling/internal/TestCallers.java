package org.pavilion.scheduling.internal;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/** The people of the tests' clinic as callers, and running work as one of them. */
public final class TestCallers {

    private TestCallers() {
    }

    /** A patient's own portal account, for the record {@code mrn}. */
    public static Caller patient(String username, String mrn) {
        return caller(username, Set.of("scheduling.appointment.own"), mrn);
    }

    public static Caller staff(String username, String... privileges) {
        return caller(username, Set.of(privileges), null);
    }

    public static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    /** Anyone: a name, the privileges their roles grant, and for a patient's own account its record. */
    public static Caller caller(String username, Set<String> privileges, String mrn) {
        return new Caller() {
            @Override public String username() { return username; }
            @Override public Set<String> roles() { return Set.of(); }
            @Override public Set<String> privileges() { return privileges; }
            @Override public Optional<String> patientId() { return Optional.ofNullable(mrn); }
            @Override public String clientAddress() { return "10.0.0.7"; }
        };
    }
}
