package org.pavilion.pharmacy.internal.hl7;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;

/**
 * How PID-3 finds our patient through the EMR: our MRN as MR, a merged duplicate's MRN as the survivor's, the
 * clinic's identifier by its authority, and another hospital's "MR" (no MRN of ours) by its authority too.
 */
public class EmrPatientIdentitiesTest {

    static final String SURVIVOR = "0000004711";
    static final String DUPLICATE = "0000009990";

    private final List<String> asked = new ArrayList<>();

    /** The EMR's directory of this test: two MRNs (one merged), the clinic's id; bad check digits refused. */
    private final PatientLookup emr = new PatientLookup() {
        @Override
        public Optional<PatientDetails> byMrn(String mrn, String purpose) {
            asked.add("mrn " + mrn + " for " + purpose);
            if (!mrn.matches("\\d{10}")) {
                throw new IllegalArgumentException("not an MRN: " + mrn);
            }
            return mrn.equals(SURVIVOR) || mrn.equals(DUPLICATE) ? Optional.of(patient()) : Optional.empty();
        }

        @Override
        public Optional<PatientDetails> byIdentifier(String system, String value, String purpose) {
            asked.add("id " + system + " " + value);
            return ("CLINIC".equals(system) && "DC-88231".equals(value)) || ("ST-MARY".equals(system)
                    && "SM-5".equals(value)) ? Optional.of(patient()) : Optional.empty();
        }
    };

    private static PatientDetails patient() {
        return new PatientDetails(SURVIVOR, null, "Adaeze", "Okafor", "FEMALE", "1984-02-11", false, false, false,
                false, null, List.of(), null, null, List.of());
    }

    private final EmrPatientIdentities identities = new EmrPatientIdentities(emr);

    @Test
    public void ourMrnAndAMergedDuplicatesMrnNameTheSurvivor() {
        assertEquals(Optional.of(SURVIVOR), identities.mrn(SURVIVOR, "PAV", "MR", "rde"));
        assertEquals(Optional.of(SURVIVOR), identities.mrn(DUPLICATE, null, "MR", "rde"));
        assertEquals("mrn " + SURVIVOR + " for rde", asked.get(0));
    }

    @Test
    public void theClinicsIdentifierIsLookedUpUnderItsAuthority() {
        assertEquals(Optional.of(SURVIVOR), identities.mrn("DC-88231", "CLINIC", "PI", "rde"));
        assertEquals(Optional.empty(), identities.mrn("DC-00000", "CLINIC", "PI", "rde"));
        assertEquals("without an authority a foreign identifier names nobody", Optional.empty(),
                identities.mrn("DC-88231", null, "PI", "rde"));
    }

    @Test
    public void anotherHospitalsRecordNumberIsTriedAsItsIdentifier() {
        assertEquals(Optional.of(SURVIVOR), identities.mrn("SM-5", "ST-MARY", "MR", "rde"));
        assertEquals(List.of("mrn SM-5 for rde", "id ST-MARY SM-5"), asked);
    }
}
