package org.pavilion.emr.internal;

import java.util.List;

import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * Data minimisation for restricted records (VIP, staff, sensitive): their address, phones and national id are
 * left out of every EMR answer (REST, SOAP, search results) and listed in {@link Patient#hidden}, unless the
 * caller holds {@link #PRIVILEGE} (reception and administrators, who must reach the patient and correct the
 * registration) or broke the glass for the request. In-container actors (HL7, notifications through
 * PatientLookup) keep them.
 */
public final class RestrictedContact {

    public static final String PRIVILEGE = "emr.patient.restricted.contact.read";
    /** What is hidden, as {@link Patient#hidden} names it. */
    public static final List<String> FIELDS = List.of("address", "phones", "nationalId");

    private RestrictedContact() {
    }

    /** Whether the caller sees a restricted patient's contact data without breaking the glass. */
    public static boolean callerMaySee() {
        Caller caller = CallerContext.current().orElse(null);
        // A patient's own account reads only its own record (PatientAccess): its own contact data.
        return caller == null || caller.hasPrivilege(PRIVILEGE)
                || caller.patientId().isPresent() && !caller.hasPrivilege("emr.patient.view-any");
    }

    /** {@code p} with its contact data removed when it is restricted; {@code p} itself, changed in place. */
    public static <P extends Patient> P hide(P p) {
        if (p != null && p.restricted) {
            p.address = null;
            p.phones = List.of();
            p.nationalId = null;
            p.hidden = FIELDS;
        }
        return p;
    }

    /** {@link #hide} unless the caller may see them. */
    public static <P extends Patient> P forCaller(P p) {
        return callerMaySee() ? p : hide(p);
    }
}
