package org.pavilion.scheduling.internal.hl7;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/** The names an outbound SIU's PID carries, read from the EMR on a feed's thread, which runs for nobody. */
public class EmrPatientNamesTest {

    /** Who read which MRN, as the EMR's audit would note it. */
    private final List<String> reads = new ArrayList<>();

    private final PatientLookup lookup = new PatientLookup() {
        @Override
        public Optional<PatientDetails> byMrn(String mrn, String purpose) {
            reads.add(CallerContext.require().username() + " read " + mrn + " for " + purpose);
            if (!mrn.matches("\\d{10}")) {
                throw new IllegalArgumentException("not an MRN: " + mrn);
            }
            return mrn.equals("0000004711") ? Optional.of(new PatientDetails("0000004711", null, "Adaeze", "Okafor",
                    "FEMALE", "1984-03-01", false, false, false, false, null, null, null, "en", null))
                    : Optional.empty();
        }

        @Override
        public Optional<PatientDetails> byIdentifier(String system, String value, String purpose) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    public void aFeedReadsThePatientAsTheDepartmentsFeedCaller() {
        Optional<PatientNames.Names> names = new EmrPatientNames(lookup).byMrn("0000004711", "HL7 SIU to feed lab");

        assertEquals(Optional.of(new PatientNames.Names("Okafor", "Adaeze", "1984-03-01", "F")), names);
        assertEquals(List.of("scheduling-hl7-feed read 0000004711 for HL7 SIU to feed lab"), reads);
        assertEquals("the thread runs for nobody again", Optional.empty(), CallerContext.current());
    }

    @Test
    public void aBoundCallerReadsAsItself() throws Exception {
        CallerContext.runAs(Caller.inContainer("desk1", Set.of(), "10.0.0.5"),
                () -> new EmrPatientNames(lookup).byMrn("0000004711", "test"));

        assertEquals(List.of("desk1 read 0000004711 for test"), reads);
    }

    @Test
    public void anIdentifierThatIsNoMrnOrAnUnknownMrnGivesNoNames() {
        EmrPatientNames names = new EmrPatientNames(lookup);

        assertEquals("booked while the EMR was away", Optional.empty(), names.byMrn("K-1001", "HL7 SIU to feed lab"));
        assertEquals(Optional.empty(), names.byMrn("0000009999", "HL7 SIU to feed lab"));
    }
}
