package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;

public class ValidContactsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static InsurancePolicy policy(String insurer, String number, String from, String to) {
        InsurancePolicy p = new InsurancePolicy();
        p.insurer = insurer;
        p.policyNumber = number;
        p.validFrom = from;
        p.validTo = to;
        return p;
    }

    /** Mrs Okafor at the desk, with whatever contacts the test gives her. */
    private static PatientDemographics okafor(List<NextOfKin> kin, List<InsurancePolicy> policies) {
        PatientDemographics d = new PatientDemographics();
        d.givenName = "Ngozi";
        d.familyName = "Okafor";
        d.sex = "FEMALE";
        d.birthDate = "1971-05-14";
        d.nextOfKin = kin;
        d.insurance = policies;
        return d;
    }

    private static ValidDemographics valid(PatientDemographics d) {
        return ValidDemographics.of(d, TODAY, TestConstraints.platform());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> violations(PatientDemographics d) {
        try {
            valid(d);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("urn:pavilion:problem:validation", e.type());
            return (List<Map<String, String>>) e.extensions().get("violations");
        }
        fail("accepted");
        return null;
    }

    private static Map<String, String> violation(String field, String message) {
        return Map.of("field", field, "message", message);
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
        assertEquals(List.of(violation("insurance[1]", "repeats policy ab 12 of ACME")),
                violations(okafor(List.of(), List.of(policy("Acme", "AB-12", null, null),
                        policy("ACME", "ab 12", null, null)))));
    }

    @Test
    public void aHolderDefaultsToSelfAndDatesMustBeOrderedAndReal() {
        assertEquals("SELF", valid(okafor(List.of(), List.of(policy("Acme", "1", "2025-01-01", "2026-01-01"))))
                .insurance.get(0).holderRelationship);
        assertEquals(List.of(violation("insurance[0].validTo", "2025-01-01 is before validFrom 2026-01-01")),
                violations(okafor(List.of(), List.of(policy("Acme", "1", "2026-01-01", "2025-01-01")))));
        assertEquals(List.of(violation("insurance[0].validTo", "must be a real day as yyyy-MM-dd, was '2026-02-30'")),
                violations(okafor(List.of(), List.of(policy("Acme", "1", "2026-01-01", "2026-02-30")))));
    }

    @Test
    public void aHalfFilledPolicyNamesEveryBrokenFieldAtOnce() {
        InsurancePolicy p = policy(" ", "#12", "01/01/2026", null);
        p.holderRelationship = "cousin";
        p.plan = "Gold ".repeat(30);
        assertEquals(List.of(
                violation("insurance[0].holderRelationship", "is one of OTHER, PARENT, SELF, SPOUSE"),
                violation("insurance[0].insurer", "must not be blank"),
                violation("insurance[0].plan", "size must be between 0 and 100"),
                violation("insurance[0].policyNumber", DemographicRules.POLICY_NUMBER_MESSAGE),
                violation("insurance[0].validFrom", "must be a date as yyyy-MM-dd")),
                violations(okafor(List.of(), List.of(p))));
    }

    @Test
    public void nextOfKinNeedsAKnownRelationshipAndAWayToBeReached() {
        NextOfKin k = new NextOfKin();
        k.name = "Ada Okafor";
        k.relationship = "sister";
        assertEquals(List.of(violation("nextOfKin[0]", "needs a phone or an email"),
                violation("nextOfKin[0].relationship", DemographicRules.RELATIONSHIP_MESSAGE)),
                violations(okafor(List.of(k), List.of())));
        k.relationship = "Sibling";
        k.email = " ada@example.org ";
        NextOfKin stored = valid(okafor(List.of(k), List.of())).nextOfKin.get(0);
        assertEquals("SIBLING", stored.relationship);
        assertEquals("ada@example.org", stored.email);
    }

    @Test
    public void everyMistakeOfTheFormComesBackTogetherDeclaredOrNot() {
        NextOfKin neighbour = new NextOfKin();
        neighbour.name = "Someone";
        neighbour.relationship = "neighbour";
        PatientDemographics d = okafor(List.of(neighbour), List.of(policy(null, "X1", "2025-01-01", "2024-01-01"),
                policy("A", "P 1", null, null), policy("a", "p-1", null, null)));
        d.givenName = " ";
        d.birthDate = "2027-01-01";
        assertEquals(List.of(violation("birthDate", "2027-01-01 is in the future"),
                violation("givenName", "must not be blank"),
                violation("insurance[0].insurer", "must not be blank"),
                violation("insurance[0].validTo", "2024-01-01 is before validFrom 2025-01-01"),
                violation("insurance[2]", "repeats policy p-1 of a"),
                violation("nextOfKin[0]", "needs a phone or an email"),
                violation("nextOfKin[0].relationship", DemographicRules.RELATIONSHIP_MESSAGE)), violations(d));
    }

    @Test
    public void anEmergencyArrivalsBirthDateIsEstimatedFromTheApparentAge() {
        EmergencyArrival a = new EmergencyArrival();
        a.approximateAgeYears = 40;
        a.arrivalNote = "Found on the platform";
        ValidEmergencyArrival v = ValidEmergencyArrival.of(a, LocalDate.of(2026, 11, 26), TestConstraints.platform());
        assertEquals("1986-01-01", v.estimatedBirthDate);
        assertEquals("UNKNOWN", v.sex);
    }

    @Test
    public void anEmergencyArrivalWithAnImpossibleAgeNoNoteAndAnOddSexNamesAllThree() {
        EmergencyArrival a = new EmergencyArrival();
        a.approximateAgeYears = 151;
        a.arrivalNote = " ";
        a.sex = "F";
        try {
            ValidEmergencyArrival.of(a, LocalDate.of(2026, 11, 26), TestConstraints.platform());
            fail();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals(List.of(violation("approximateAgeYears", "must be less than or equal to 150"),
                    violation("arrivalNote", "must not be blank"),
                    violation("sex", DemographicRules.SEX_MESSAGE)), e.extensions().get("violations"));
        }
    }
}
