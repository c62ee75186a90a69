package org.pavilion.scheduling.internal.access;

import java.util.Set;
import java.util.concurrent.Callable;

import org.pavilion.core.api.security.CallerContext;

/**
 * Runs work as the current caller with the department's privileges a face grants for work it has already admitted
 * ({@link CallerContext#currentWith}): the SOAP service for an INTEGRATION account that passed
 * {@code scheduling.soap.book}, the EMR encounter link for a feed. The appointment book then asks the EMR's
 * PatientAccess with those, as for the desk.
 */
public final class ActingAs {

    private ActingAs() {
    }

    /** Runs {@code work} as {@link CallerContext#currentWith}; unchecked exceptions pass through as they are. */
    public static <T> T run(Set<String> privileges, String fallbackName, Callable<T> work) {
        try {
            return CallerContext.runAs(CallerContext.currentWith(privileges, fallbackName), work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
