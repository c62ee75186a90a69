package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.util.List;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;

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

    private static String problem(PatientDemographics d) {
        try {
            ValidDemographics.of(d, TODAY);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("urn:pavilion:problem:validation", e.type());
            return e.detail();
        }
        fail("accepted: " + d);
        return null;
    }

    @Test
    public void aCompleteRegistrationIsTrimmedAndNormalised() {
        ValidDemographics v = ValidDemographics.of(maria(), TODAY);
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
        ValidDemographics v = ValidDemographics.of(d, TODAY);
        assertNull(v.nationalIdNorm);
        assertTrue(v.phones.isEmpty());
    }

    @Test
    public void missingNamesAreAllReportedAtOnce() {
        PatientDemographics d = maria();
        d.givenName = "  ";
        d.familyName = "--";
        d.sex = null;
        String detail = problem(d);
        assertTrue(detail, detail.contains("givenName is required"));
        assertTrue(detail, detail.contains("familyName is required"));
        assertTrue(detail, detail.contains("sex is required"));
    }

    @Test
    public void birthDateMustBeARealPastDate() {
        PatientDemographics d = maria();
        d.birthDate = "2026-11-26";
        assertTrue(problem(d).contains("is in the future"));
        d.birthDate = "1984-02-30";
        assertTrue(problem(d).contains("yyyy-MM-dd"));
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
        assertTrue(problem(d).contains("birthDate is required"));
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
        String detail = problem(d);
        for (String field : List.of("phone", "email", "address.country", "preferredLanguage", "nationalId", "sex")) {
            assertTrue(field + " in " + detail, detail.contains(field));
        }
    }

    @Test
    public void aMissingBodyIsA400() {
        try {
            ValidDemographics.of(null, TODAY);
            fail();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
        }
    }
}
