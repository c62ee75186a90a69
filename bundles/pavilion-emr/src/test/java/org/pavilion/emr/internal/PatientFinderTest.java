package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Name search ranking on the EMR's real change logs (H2; PostgreSQL with -Dpavilion.test.postgres): exact before
 * prefix before typos, each hit once at its best rank, merged duplicates never shown, pages consistent with the
 * whole list, including the two-part typo ranks read part by part and merged.
 */
public class PatientFinderTest {

    private EmrDatabase db;
    private PatientFinder finder;
    private int seq;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        List<PatientEntity> rows = new ArrayList<>();
        rows.add(patient("James", "Johnson"));
        rows.add(patient("James", "Johnson"));
        rows.add(patient("Johnson", "James"));     // the two words the other way round
        rows.add(patient("Jameson", "Johnsonne"));  // prefix of both words
        rows.add(patient("James", "Jonson"));      // family one edit away
        rows.add(patient("Jamse", "Johnsen"));     // both one edit away ("johnson" is a prefix way, not a typo)
        rows.add(patient("James", "Jonsen"));      // family two edits away
        rows.add(patient("James", "Jansen"));      // family three edits away: too far
        rows.add(patient("Mary", "Johnson"));      // given does not match
        rows.add(patient("James", "Smith"));       // family does not match
        PatientEntity merged = patient("James", "Johnsen");
        merged.setMergedInto(rows.get(0).getMrn());
        merged.setMergedMs(2L);
        rows.add(merged);
        new JpaTransactions(db.emf).run(em -> NewPatientRows.insert(em, rows));
        finder = new PatientFinder(db.emf, event -> { }, config(1000));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aGivenNameWithAMisspeltFamilyNameFindsTheTypoSpellingsRankedByHowTheyMatch() {
        List<String> names = names(search("james jonhson", 0, 20, 1000));
        // No exact or prefix hit for "jonhson": only typos, given + family (by family name) before family + given.
        assertEquals(List.of("Jamse Johnsen", "James Johnson", "James Johnson", "James Jonsen", "James Jonson",
                "Johnson James"), names);
    }

    @Test
    public void exactPairsComeFirstThenTheReversedPairThenPrefixesThenTypos() {
        List<String> names = names(search("james johnson", 0, 20, 1000));
        assertEquals(List.of("James Johnson", "James Johnson", "Johnson James", "Jameson Johnsonne", "Jamse Johnsen",
                "James Jonsen", "James Jonson"), names);
        assertFalse("a merged duplicate is never shown", names.stream().filter("James Johnsen"::equals).findAny()
                .isPresent());
    }

    @Test
    public void withoutFuzzyOnlyExactAndPrefixHitsAreFound() {
        PatientSearch q = new PatientSearch();
        q.name = "james johnson";
        List<String> names = names(finder.search(q, 0, 20, false));
        assertEquals(List.of("James Johnson", "James Johnson", "Johnson James", "Jameson Johnsonne"), names);
    }

    @Test
    public void pagesOfAnyLengthListTheSameHitsInTheSameOrder() {
        List<String> all = mrns(search("james jonhson", 0, 20, 1000));
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            PatientFinder.Found f = search("james jonhson", page, 2, 1000);
            assertEquals(6, f.page().getTotal());
            paged.addAll(mrns(f));
        }
        assertEquals(all, paged);
    }

    @Test
    public void aCappedTypoRankMakesTheTotalALowerBoundAndDeepPagesStillReadIt() {
        finder = new PatientFinder(db.emf, event -> { }, config(2));
        PatientFinder.Found first = search("james jonhson", 0, 2, 2);
        assertTrue(first.totalIsLowerBound());
        List<String> deep = mrns(search("james jonhson", 1, 2, 2));
        assertEquals(mrns(search("james jonhson", 0, 20, 2)).subList(2, 4), deep);
    }

    @Test
    public void manyWaysAreReadOnePerFamilyWay() {
        List<String> family = List.of("f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
        List<String> given = List.of("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8");
        assertEquals(9, PatientFinder.both(family, given).size());
        assertEquals("(f1 AND (g1 OR g2 OR g3 OR g4 OR g5 OR g6 OR g7 OR g8))", PatientFinder.both(family, given).get(0));
        assertEquals(List.of("(f1 AND g1)", "(f1 AND g2)"), PatientFinder.both(List.of("f1"), List.of("g1", "g2")));
    }

    private PatientFinder.Found search(String name, int page, int size, int cap) {
        PatientSearch q = new PatientSearch();
        q.name = name;
        return finder.search(q, page, size, true);
    }

    private static List<String> names(PatientFinder.Found f) {
        return f.page().getItems().stream().map(p -> p.givenName + " " + p.familyName).collect(Collectors.toList());
    }

    private static List<String> mrns(PatientFinder.Found f) {
        return f.page().getItems().stream().map(p -> p.mrn).collect(Collectors.toList());
    }

    private PatientEntity patient(String given, String family) {
        PatientEntity e = new PatientEntity();
        e.setMrn(String.format("%010d", ++seq));
        e.setGivenName(given);
        e.setFamilyName(family);
        e.setGivenNameNorm(Names.normalise(given));
        e.setFamilyNameNorm(Names.normalise(family));
        e.setSex("FEMALE");
        e.setBirthDate("1980-01-0" + (1 + seq % 9));
        e.setRegisteredMs(1L);
        e.setRegisteredBy("test");
        e.setUpdatedMs(1L);
        e.setUpdatedBy("test");
        NameKeys.fill(e);
        return e;
    }

    static SearchConfig config(int countCap) {
        return new SearchConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SearchConfig.class;
            }

            @Override
            public int countCap() {
                return countCap;
            }
        };
    }
}
