package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;

public class ValidDemographicsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static PatientDemographics maria() {
        PatientDemographics d = new PatientDemographics();
        d.givenName = " María ";
        d.familyName = "López-García";
        d.sex = "female";
        d.birthDate = "1984-03-01";
        d.nationalId = "ab 123-456";
        d.phones = List.of("+33 (0)6 12 34 56 78");
        d.email = "maria@example.org";
        d.address = new Address();
        d.address.line = "1 rue de la Paix";
        d.address.city = "Paris";
        d.address.postalCode = "75002";
        d.address.country = "fr";
        d.preferredLanguage = "es-ES";
        return d;
    }

    private static ValidDemographics valid(PatientDemographics d) {
        return ValidDemographics.of(d, TODAY, TestConstraints.platform());
    }

    private static String problem(PatientDemographics d) {
        return refusal(d).detail();
    }

    private static ProblemException refusal(PatientDemographics d) {
        try {
            valid(d);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("urn:pavilion:problem:validation", e.type());
            return e;
        }
        fail("accepted: " + d);
        return null;
    }

    private static Map<String, String> violation(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    @Test
    public void aCompleteRegistrationIsTrimmedAndNormalised() {
        ValidDemographics v = valid(maria());
        assertEquals("María", v.givenName);
        assertEquals("maria", v.givenNameNorm);
        assertEquals("lopez garcia", v.familyNameNorm);
        assertEquals("FEMALE", v.sex);
        assertEquals("AB123456", v.nationalIdNorm);
        assertEquals(List.of("+330612345678"), v.phonesNorm);
        assertEquals("FR", v.addressCountry);
    }

    @Test
    public void onlyNamesSexAndBirthDateAreRequired() {
        PatientDemographics d = new PatientDemographics();
        d.givenName = "Ann";
        d.familyName = "Lee";
        d.sex = "UNKNOWN";
        d.birthDate = TODAY.toString(); // born today is fine
        ValidDemographics v = valid(d);
        assertNull(v.nationalIdNorm);
        assertTrue(v.phones.isEmpty());
    }

    @Test
    public void missingNamesAreAllReportedAtOnce() {
        PatientDemographics d = maria();
        d.givenName = "  ";
        d.familyName = "--";
        d.sex = null;
        assertEquals(List.of(violation("familyName", "must contain letters"),
                violation("givenName", "must not be blank"),
                violation("sex", "must not be blank")), refusal(d).extensions().get("violations"));
    }

    @Test
    public void birthDateMustBeARealPastDate() {
        PatientDemographics d = maria();
        d.birthDate = "2026-11-26";
        assertTrue(problem(d).contains("is in the future"));
        assertEquals(List.of(violation("birthDate", "2026-11-26 is in the future")),
                refusal(d).extensions().get("violations"));
        d.birthDate = "1984-02-30";
        assertTrue(problem(d).contains("birthDate must be a real day as yyyy-MM-dd"));
        d.birthDate = "1984-13-01";
        assertTrue(problem(d).contains("yyyy-MM-dd"));
        d.birthDate = "1983-02-29";
        assertTrue(problem(d).contains("yyyy-MM-dd"));
        assertEquals(LocalDate.of(1984, 2, 29), ValidDemographics.parseDate("1984-02-29")); // a leap day
        d.birthDate = "01/03/1984";
        assertTrue(problem(d).contains("yyyy-MM-dd"));
        d.birthDate = "1860-01-01";
        assertTrue(problem(d).contains("150 years"));
        d.birthDate = null;
        assertEquals(List.of(violation("birthDate", "must not be blank")), refusal(d).extensions().get("violations"));
    }

    @Test
    public void contactDetailsAreChecked() {
        PatientDemographics d = maria();
        d.phones = List.of("call me");
        d.email = "maria at example.org";
        d.address.country = "France";
        d.preferredLanguage = "Spanish!";
        d.nationalId = "#";
        d.sex = "F";
        assertEquals(List.of(violation("address.country", DemographicRules.COUNTRY_MESSAGE),
                violation("email", DemographicRules.EMAIL_MESSAGE),
                violation("nationalId", DemographicRules.NATIONAL_ID_MESSAGE),
                violation("phones[0]", DemographicRules.PHONE_MESSAGE),
                violation("preferredLanguage", DemographicRules.LANGUAGE_MESSAGE),
                violation("sex", DemographicRules.SEX_MESSAGE)), refusal(d).extensions().get("violations"));
    }

    @Test
    public void aPhoneNeedsSixDigitsWhateverItsPunctuationAndAtMostFivePhones() {
        PatientDemographics d = maria();
        d.phones = List.of("(01) / 2-3", "+33 6 12 34 56 78", "06 12 34 56 78", "0612345678", "01 23 45 67 89",
                "02 34 56 78 90");
        assertEquals(List.of(violation("phones", "size must be between 0 and 5"),
                violation("phones[0]", DemographicRules.PHONE_MESSAGE)), refusal(d).extensions().get("violations"));
    }

    @Test
    public void aRegistrationFormWithSeveralMistakesIsAnsweredWithAllOfThemAndWhatTheClerkTyped() {
        PatientDemographics d = maria();
        d.givenName = "M".repeat(101);
        d.address.postalCode = "75002 PARIS CEDEX 02 FRANCE";
        d.address.line = "  ";
        d.email = "maria@example";
        ProblemException e = refusal(d);
        assertEquals(List.of(violation("address.postalCode", "size must be between 0 and 20"),
                violation("email", DemographicRules.EMAIL_MESSAGE),
                violation("givenName", "size must be between 0 and 100")), e.extensions().get("violations"));
        assertTrue(e.detail(), e.detail().startsWith("3 invalid fields: "));
    }

    @Test
    public void aMissingBodyIsA400() {
        try {
            valid(null);
            fail();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
    }
}
