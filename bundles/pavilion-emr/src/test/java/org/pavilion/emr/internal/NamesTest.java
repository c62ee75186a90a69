package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class NamesTest {

    @Test
    public void normalisingDropsCaseAccentsAndPunctuation() {
        assertEquals("jose maria", Names.normalise("  José-María "));
        assertEquals("o neill", Names.normalise("O'Neill"));
        assertEquals("muller", Names.normalise("MÜLLER"));
        assertEquals("strasse", Names.normalise("Straße"));
        assertEquals("lukasz", Names.normalise("Łukasz"));
        assertEquals("francois", Names.normalise("François"));
        // Letters of other scripts are kept, only lower-cased.
        assertEquals("иван", Names.normalise("Иван"));
        assertEquals("", Names.normalise(" - ' "));
        assertEquals("", Names.normalise(null));
    }

    @Test
    public void similarNamesAllowOneTypoInShortNamesAndTwoInLongOnes() {
        assertTrue(Names.similar("lopez", "lopez"));
        assertTrue(Names.similar("lopez", "lopes"));
        assertTrue(Names.similar("ana", "anna"));
        assertTrue(Names.similar("jonathan", "jonahtan"));  // swapped neighbours count once
        assertTrue(Names.similar("fitzgerald", "fitzgeral"));
        assertTrue(Names.similar("alexandra", "aleksandra"));
        assertTrue(Names.similar("de la cruz", "delacruz"));
        assertFalse(Names.similar("lopez", "perez"));
        assertFalse(Names.similar("ana", "eva"));
        assertFalse(Names.similar("li", "lee"));
        assertFalse(Names.similar("anna", "annabelle"));
        assertFalse(Names.similar("", "a"));
    }

    @Test
    public void aPersonMatchesAlsoWithGivenAndFamilyNameSwapped() {
        assertTrue(Names.similarPerson("maria", "lopez", "maria", "lopes"));
        assertTrue(Names.similarPerson("maria", "lopez", "lopez", "maria"));
        assertFalse(Names.similarPerson("maria", "lopez", "mario", "garcia"));
        assertFalse(Names.similarPerson("maria", "lopez", "juan", "lopez"));
    }

    @Test
    public void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertEquals(0, Names.distance("abc", "abc"));
        assertEquals(1, Names.distance("abc", "abd"));
        assertEquals(1, Names.distance("abc", "ab"));
        assertEquals(1, Names.distance("abc", "bac"));
        assertEquals(3, Names.distance("", "abc"));
        assertEquals(2, Names.distance("kitten", "sittin"));
    }
}
