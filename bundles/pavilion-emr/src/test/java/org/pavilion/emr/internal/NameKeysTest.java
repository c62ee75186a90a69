package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class NameKeysTest {

    private static String key(String name) {
        return NameKeys.key(Names.normalise(name));
    }

    @Test
    public void misspellingsThatSoundAlikeShareTheStoredKey() {
        assertEquals(key("Johnson"), key("Jonhson"));
        assertEquals(key("Johnson"), key("Jhonson"));
        assertEquals(key("Nguyen"), key("Nguyn"));
        assertEquals(key("Smith"), key("Smyth"));
        assertEquals(key("Catherine"), key("Katherine"));
    }

    @Test
    public void accentsCaseAndSpacesDoNotChangeTheKey() {
        assertEquals(key("Lopez"), key("LÓPEZ"));
        assertEquals(key("De la Cruz"), key("delacruz"));
    }

    @Test
    public void differentNamesGetDifferentKeys() {
        assertNotEquals(key("Johnson"), key("Jones"));
        assertNotEquals(key("Nguyen"), key("Novak"));
        // Longer than the library's default 4 characters, so long names keep what tells them apart.
        assertNotEquals(key("Fitzgerald"), key("Fitzgibbon"));
    }

    @Test
    public void queryKeysHoldPrimaryAndAlternateReadings() {
        assertTrue(NameKeys.queryKeys("schmidt").contains(NameKeys.key("schmidt")));
        assertEquals(2, NameKeys.queryKeys("schmidt").size());
        assertFalse(NameKeys.queryKeys("smith").isEmpty());
    }

    @Test
    public void namesWithoutLatinLettersGetAnEmptyKeyNotNull() {
        assertEquals("", NameKeys.key(Names.normalise("王")));
        assertEquals("", NameKeys.key(""));
        assertTrue(NameKeys.queryKeys("").isEmpty());
    }

    @Test
    public void fillSetsBothKeysFromTheNormalisedNames() {
        PatientEntity e = new PatientEntity();
        e.setFamilyNameNorm("nguyen");
        e.setGivenNameNorm("thi");
        NameKeys.fill(e);
        assertEquals(NameKeys.key("nguyen"), e.getFamilyNamePhonetic());
        assertEquals(NameKeys.key("thi"), e.getGivenNamePhonetic());
    }
}
