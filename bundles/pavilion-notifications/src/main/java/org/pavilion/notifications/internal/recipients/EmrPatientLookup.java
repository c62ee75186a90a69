package org.pavilion.notifications.internal.recipients;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/**
 * {@link EmrPatients} from the EMR's {@link PatientLookup}. A component of its own with a mandatory reference, so it
 * exists only while the EMR does and no other class of the bundle loads an EMR type (the import is optional). The
 * lookup audits every read under the bound caller: the user of a request, {@code events:<subscriber>} on the bus;
 * a timer binds none, and then the read is made as the system caller {@value #SYSTEM_NAME}.
 */
@Component(service = EmrPatients.class)
public class EmrPatientLookup implements EmrPatients {

    public static final String SYSTEM_NAME = "notifications";
    private static final Caller SYSTEM = Caller.inContainer(SYSTEM_NAME, Set.of(), "local");

    private final PatientLookup lookup;

    @Activate
    public EmrPatientLookup(@Reference PatientLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Optional<Recipient> byMrn(String mrn, String purpose) {
        Optional<PatientDetails> found;
        try {
            found = CallerContext.runAs(CallerContext.currentWith(Set.of(), SYSTEM_NAME),
                    () -> lookup.byMrn(mrn, purpose));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception checked) {
            // runAs declares Exception; byMrn throws none.
            throw new IllegalStateException(checked);
        }
        return found.map(EmrPatientLookup::recipient);
    }

    static Recipient recipient(PatientDetails d) {
        PatientDetails.Contact c = d.contact();
        boolean erased = d.erased();
        String phone = erased || c.phones().isEmpty() ? null : c.phones().get(0);
        String email = erased ? null : blankToNull(c.email());
        return new Recipient(Recipient.PATIENT, d.mrn(), d.mrn(), erased ? null : d.givenName(), email, phone,
                blankToNull(d.preferredLanguage()), Set.of(), erased);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** For tests: the caller a read is made as when nobody is bound. */
    static Caller systemCaller() {
        return SYSTEM;
    }
}
