package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.pavilion.core.testing.TestConstraints;

/**
 * Possible duplicates when a feed's registrations are written as one group (PatientService.registerAllIn): each
 * newcomer is checked against the registry and against the ones before it in the same group, as if they had come
 * one by one.
 */
public class GroupDuplicatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private static ValidDemographics person(String given, String family, String birthDate, String nationalId) {
        PatientDemographics d = new PatientDemographics();
        d.givenName = given;
        d.familyName = family;
        d.sex = "female";
        d.birthDate = birthDate;
        d.nationalId = nationalId;
        return ValidDemographics.of(d, TODAY, TestConstraints.platform());
    }

    private static List<String> mrnsOf(List<Map<String, Object>> candidates) {
        return candidates.stream().map(c -> c.get("mrn") + ":" + c.get("reason")).toList();
    }

    @Test
    public void theSecondArrivalOfOnePersonInAGroupIsFlaggedAgainstTheFirst() {
        // Two admissions systems send Adaeze Okafor in the same instant; the second spells her name differently.
        List<ValidDemographics> group = List.of(person("Adaeze", "Okafor", "1984-03-01", null),
                person("Lena", "Fischer", "1990-07-12", null), person("Adeze", "Okafor", "1984-03-01", null));
        List<String> mrns = List.of("0000001017", "0000001114", "0000001211");
        List<List<Map<String, Object>>> found = PatientService.candidates(group, mrns, List.of(), List.of());
        assertEquals(List.of(), mrnsOf(found.get(0)));
        assertEquals(List.of(), mrnsOf(found.get(1)));
        assertEquals(List.of("0000001017:nameAndBirthDate"), mrnsOf(found.get(2)));
    }

    @Test
    public void storedPatientsComeFirstInMrnOrderThenTheGroupAndOnlyRowsOfTheSameBirthDateCount() {
        ValidDemographics adaeze = person("Adaeze", "Okafor", "1984-03-01", "AB123456");
        ValidDemographics twin = person("Adaeze", "Okafor", "1984-03-01", null);
        List<Object[]> sameNationalId = List.<Object[]>of(new Object[] {"0000000123", "AB123456"});
        // One query answers for every birth date of the group: a row of another date must not match.
        List<Object[]> sameBirthDate = List.of(new Object[] {"0000000220", "1984-03-01", "adaeze", "okafor"},
                new Object[] {"0000000317", "1975-01-01", "adaeze", "okafor"});
        List<List<Map<String, Object>>> found = PatientService.candidates(List.of(adaeze, twin),
                List.of("0000001017", "0000001114"), sameNationalId, sameBirthDate);
        assertEquals(List.of("0000000123:nationalId", "0000000220:nameAndBirthDate"), mrnsOf(found.get(0)));
        assertEquals(List.of("0000000220:nameAndBirthDate", "0000001017:nameAndBirthDate"), mrnsOf(found.get(1)));
    }

    @Test
    public void aNationalIdSharedWithinTheGroupIsFound() {
        ValidDemographics first = person("Kofi", "Mensah", "1970-05-05", "GH-998877");
        ValidDemographics second = person("Yaw", "Boateng", "1981-02-02", "gh 998877");
        List<List<Map<String, Object>>> found = PatientService.candidates(List.of(first, second),
                List.of("0000001017", "0000001114"), List.of(), List.of());
        assertEquals(List.of("0000001017:nationalId"), mrnsOf(found.get(1)));
    }
}
