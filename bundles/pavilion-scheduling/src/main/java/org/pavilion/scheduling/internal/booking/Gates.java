package org.pavilion.scheduling.internal.booking;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.scheduling.internal.access.PatientGate;

/** Who acts, and whether they may act on a patient's appointments: the booking part's use of {@link PatientGate}. */
final class Gates {

    static final String VIEW = "scheduling.appointment.view";
    static final String BOOK = "scheduling.appointment.book";
    static final String CHECK_IN = "scheduling.appointment.check-in";
    static final String COMPLETE = "scheduling.appointment.complete";

    private Gates() {
    }

    /**
     * Asks the gate with the privilege the caller acts under: a patient account its own ({@link PatientGate#OWN}),
     * staff the operation's. No caller bound is the system (a feed, a timer, a kiosk with its booking code): allowed,
     * audited under the patient id as given.
     */
    static PatientGate.Allowed allow(PatientGate gate, String patientId, String staffPrivilege, boolean write,
            String auditAction) {
        if (CallerContext.current().isEmpty()) {
            return new PatientGate.Allowed(patientId, AuditEvent.of(auditAction, "appointment").patientId(patientId));
        }
        return gate.check(patientId, patientAccount() ? PatientGate.OWN : staffPrivilege, write, auditAction);
    }

    static boolean patientAccount() {
        return CallerContext.current().flatMap(Caller::patientId).isPresent();
    }

    /** The user acting, kept on history rows and events. */
    static String actor(String whenNobody) {
        return CallerContext.current().map(Caller::username).orElse(whenNobody);
    }
}
