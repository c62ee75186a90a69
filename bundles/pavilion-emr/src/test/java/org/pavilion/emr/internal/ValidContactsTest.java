package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;

public class ValidContactsTest {

    private static InsurancePolicy policy(String insurer, String number, String from, String to) {
        InsurancePolicy p = new InsurancePolicy();
        p.insurer = insurer;
        p.policyNumber = number;
        p.validFrom = from;
        p.validTo = to;
        return p;
    }

    @Test
    public void aPolicyIsActiveWithinItsValidityBoundsIncluded() {
        LocalDate day = LocalDate.of(2026, 6, 30);
        assertTrue(ValidContacts.active(policy("A", "1", null, null), day));
        assertTrue(ValidContacts.active(policy("A", "1", "2026-06-30", "2026-06-30"), day));
        assertFalse(ValidContacts.active(policy("A", "1", "2026-07-01", null), day));
        assertFalse(ValidContacts.active(policy("A", "1", null, "2026-06-29"), day));
    }

    @Test
    public void theSamePolicyTwiceIsRefusedWhateverTheSpellingOfItsNumber() {
        List<String> errors = new ArrayList<>();
        ValidContacts.insurance(List.of(policy("Acme", "AB-12", null, null), policy("ACME", "ab 12", null, null)), errors);
        assertEquals(errors.toString(), 1, errors.size());
        assertTrue(errors.get(0), errors.get(0).contains("insurance[1] repeats"));
    }

    @Test
    public void aHolderDefaultsToSelfAndDatesMustBeOrdered() {
        List<String> errors = new ArrayList<>();
        List<InsurancePolicy> valid = ValidContacts.insurance(List.of(policy("Acme", "1", "2026-01-01", "2025-01-01")), errors);
        assertEquals("SELF", valid.get(0).holderRelationship);
        assertEquals(errors.toString(), 1, errors.size());
        assertTrue(errors.get(0).contains("before validFrom"));
    }

    @Test
    public void nextOfKinNeedsAWayToBeReached() {
        NextOfKin k = new NextOfKin();
        k.name = "Ana";
        k.relationship = "sister";
        List<String> errors = new ArrayList<>();
        ValidContacts.nextOfKin(List.of(k), errors);
        assertEquals(errors.toString(), 2, errors.size());
        k.relationship = "Sibling";
        k.email = "ana@example.org";
        errors.clear();
        assertEquals("SIBLING", ValidContacts.nextOfKin(List.of(k), errors).get(0).relationship);
        assertTrue(errors.toString(), errors.isEmpty());
    }

    @Test
    public void anEmergencyArrivalsBirthDateIsEstimatedFromTheApparentAge() {
        EmergencyArrival a = new EmergencyArrival();
        a.approximateAgeYears = 40;
        a.arrivalNote = "Found on the platform";
        ValidEmergencyArrival v = ValidEmergencyArrival.of(a, LocalDate.of(2026, 11, 26));
        assertEquals("1986-01-01", v.estimatedBirthDate);
        assertEquals("UNKNOWN", v.sex);
        a.approximateAgeYears = 151;
        a.arrivalNote = " ";
        try {
            ValidEmergencyArrival.of(a, LocalDate.of(2026, 11, 26));
            fail();
        } catch (ProblemException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("approximateAgeYears") && e.getMessage().contains("arrivalNote"));
        }
    }
}
