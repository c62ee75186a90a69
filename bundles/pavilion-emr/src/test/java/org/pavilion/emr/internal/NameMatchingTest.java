package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;

public class NameMatchingTest {

    @Test
    public void typoDistanceCountsSwapsAsOneEditAndRespectsTheLengthScaledLimit() {
        assertEquals(1, NameMatching.typoDistance("jonhson", "johnson")); // swap of neighbours
        assertEquals(1, NameMatching.typoDistance("jhonson", "johnson"));
        assertEquals(1, NameMatching.typoDistance("nguyn", "nguyen")); // deletion
        assertEquals(2, NameMatching.typoDistance("jonsen", "johnson"));
        assertEquals(-1, NameMatching.typoDistance("jones", "johnson"));
        // Up to 5 letters only one edit is tolerated.
        assertEquals(1, NameMatching.typoDistance("smith", "smyth"));
        assertEquals(-1, NameMatching.typoDistance("smith", "smash"));
        assertEquals(-1, NameMatching.typoDistance("lee", "lei z"));
        // Too short to guess at.
        assertEquals(-1, NameMatching.typoDistance("li", "le"));
        assertEquals(0, NameMatching.typoDistance("johnson", "johnson"));
    }

    @Test
    public void typoSpellingsAreGroupedByDistanceSortedAndLeavePrefixHitsToThePrefixSearch() {
        TreeMap<Integer, List<String>> s = NameMatching.typoSpellings("jonson",
                List.of("johnson", "jonsson", "jonsonn", "jensen", "jansen", "jones", "jonson", "johnston"));
        assertEquals(List.of("johnson", "jonsson"), s.get(1));
        assertEquals(List.of("jansen", "jensen", "johnston"), s.get(2));
        // "jonson" itself and "jonsonn" start with the query: prefix hits, not typos.
        assertTrue(s.values().stream().noneMatch(l -> l.contains("jonsonn") || l.contains("jonson")));
        assertTrue(s.values().stream().noneMatch(l -> l.contains("jones")));
        assertTrue(NameMatching.typoSpellings("jo", List.of("ja", "jo")).isEmpty());
    }

    @Test
    public void classifyRanksExactBeforePrefixBeforeTypos() {
        NameMatch exact = NameMatching.classify("familyName", "johnson", "johnson");
        NameMatch prefix = NameMatching.classify("familyName", "john", "johnson");
        NameMatch typo1 = NameMatching.classify("familyName", "jonhson", "johnson");
        NameMatch typo2 = NameMatching.classify("familyName", "jonsen", "johnson");
        assertEquals("EXACT", exact.how);
        assertEquals("PREFIX", prefix.how);
        assertEquals("TYPO", typo1.how);
        assertEquals(1, typo1.distance);
        assertEquals(2, typo2.distance);
        assertNull(NameMatching.classify("familyName", "smith", "johnson"));
        assertEquals(exact, NameMatching.better(prefix, exact));
        assertEquals(prefix, NameMatching.better(typo1, prefix));
        assertEquals(typo1, NameMatching.better(typo2, typo1));
        assertEquals(typo2, NameMatching.better(null, typo2));
    }

    @Test
    public void hitsSayWhichFieldMatchedHow() {
        PatientEntity e = new PatientEntity();
        e.setFamilyNameNorm("johnson");
        e.setGivenNameNorm("maria");
        List<NameMatch> m = PatientFinder.matches("maria jonhson", e);
        assertEquals(2, m.size());
        assertEquals("familyName", m.get(0).field);
        assertEquals("TYPO", m.get(0).how);
        assertEquals("givenName", m.get(1).field);
        assertEquals("EXACT", m.get(1).how);
        assertTrue(PatientFinder.matches("nguyen", e).isEmpty());
    }

    @Test
    public void namedParametersBecomePositionalAndListsExpandForIn() {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("nameAll", "smith");
        params.put("nameAllPrefixLo", "smi");
        params.put("tg1_rest", List.of("jon", "joan"));
        NamedSql sql = NamedSql.of("p.family_name_norm >= :nameAllPrefixLo AND COALESCE(p.merged_into, ':x') = ''"
                + " AND p.given_name_norm IN :tg1_rest OR p.family_name_norm = :nameAll", params);
        assertEquals("p.family_name_norm >= ? AND COALESCE(p.merged_into, ':x') = ''"
                + " AND p.given_name_norm IN (?, ?) OR p.family_name_norm = ?", sql.sql);
        assertEquals(List.of("smi", "jon", "joan", "smith"), sql.values);
    }

    @Test(expected = IllegalArgumentException.class)
    public void aParameterWithoutValueIsAnErrorNotAnEmptyMatch() {
        NamedSql.of("p.mrn = :mrn", Map.of());
    }

    @Test
    public void aSegmentReturnsItsCappedCountWithItsRowsOfThePage() {
        String sql = PatientFinder.segmentSql("p.merged_into IS NULL",
                new PatientFinder.Segment("p.family_name_norm = :nameAll", PatientFinder.BY_FAMILY), 40, 20, 1000);
        assertTrue(sql, sql.contains("ORDER BY p.family_name_norm, p.given_name_norm, p.mrn LIMIT 1001"));
        assertTrue(sql, sql.contains("WHERE t.rn = 1 OR (t.rn > 40 AND t.rn <= 60)"));
        // A page reaching past the cap reads as far as it needs.
        assertTrue(PatientFinder.segmentSql("1 = 1",
                new PatientFinder.Segment("1 = 1", PatientFinder.BY_GIVEN), 995, 20, 1000).contains(
                "ORDER BY p.given_name_norm, p.family_name_norm, p.mrn LIMIT 1015"));
    }

    @Test
    public void mergedDuplicatesAreFilteredByThePartialIndexPredicateOnPostgreSqlOnly() {
        assertEquals("p.merged_into IS NULL", PatientFinder.notMergedCondition("PostgreSQL"));
        assertEquals("COALESCE(p.merged_into, '') = ''", PatientFinder.notMergedCondition("H2"));
        assertEquals("COALESCE(p.merged_into, '') = ''", PatientFinder.notMergedCondition("unknown"));
    }
}
