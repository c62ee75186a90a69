package org.pavilion.lab.internal.reading;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/** The EMR's registration as the lab's ranges need it: sex as M/F, a birth date unless erased or unreadable. */
public class EmrPatientFactsTest {

    private static PatientDetails patient(String mrn, String sex, String birthDate, boolean erased) {
        return new PatientDetails(mrn, null, "Ana", "Ruiz", sex, birthDate, false, false, false, erased, null,
                List.of(), null, null, List.of());
    }

    @Test
    public void sexAndBirthDateAreReadForTheRangeAndThePurposeIsStated() {
        List<String> purposes = new ArrayList<>();
        PatientLookup lookup = new PatientLookup() {
            @Override
            public Optional<PatientDetails> byMrn(String mrn, String purpose) {
                purposes.add(purpose);
                if ("bad".equals(mrn)) {
                    throw new IllegalArgumentException("not an MRN");
                }
                return "0000004269".equals(mrn) ? Optional.of(patient(mrn, "FEMALE", "1990-05-01", false))
                        : Optional.empty();
            }

            @Override
            public Optional<PatientDetails> byIdentifier(String system, String value, String purpose) {
                throw new UnsupportedOperationException();
            }
        };
        EmrPatientFacts facts = new EmrPatientFacts(lookup);
        assertEquals(new PatientFacts.Facts("F", LocalDate.of(1990, 5, 1)), facts.of("0000004269").orElseThrow());
        assertTrue(facts.of("0000009999").isEmpty());
        assertTrue(facts.of("bad").isEmpty());
        assertEquals(EmrPatientFacts.PURPOSE, purposes.get(0));

        assertEquals("M", EmrPatientFacts.facts(patient("m", "MALE", "2015-03-09", false)).sex());
        assertNull(EmrPatientFacts.facts(patient("o", "OTHER", "2015-03-09", false)).sex());
        assertNull(EmrPatientFacts.facts(patient("e", "FEMALE", "1990-05-01", true)).birthDate());
        assertNull(EmrPatientFacts.facts(patient("x", "FEMALE", "1990", false)).birthDate());
    }
}
