package org.pavilion.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(10_000);

    @Test
    public void aNurseLogsInWithHerPasswordAndNotWithAnother() {
        String stored = hasher.hash("night-shift-ward-7".toCharArray());
        assertTrue(hasher.verify("night-shift-ward-7".toCharArray(), stored));
        assertFalse(hasher.verify("night-shift-ward-8".toCharArray(), stored));
        assertFalse(hasher.verify("".toCharArray(), stored));
    }

    @Test
    public void theSamePasswordIsSaltedDifferentlyEachTime() {
        String a = hasher.hash("same-password-123".toCharArray());
        String b = hasher.hash("same-password-123".toCharArray());
        assertNotEquals(a, b);
        assertTrue(a.startsWith("pbkdf2-sha256$10000$"));
    }

    @Test
    public void aHashMadeWithOtherIterationsStillVerifies() {
        String old = new PasswordHasher(20_000).hash("kept-from-last-year".toCharArray());
        assertTrue(hasher.verify("kept-from-last-year".toCharArray(), old));
    }

    @Test
    public void garbageInTheDatabaseNeverVerifies() {
        assertFalse(hasher.verify("x".toCharArray(), null));
        assertFalse(hasher.verify("x".toCharArray(), "plain-text-password"));
        assertFalse(hasher.verify("x".toCharArray(), "md5$1$2$3"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void tooFewIterationsAreRefused() {
        new PasswordHasher(1000);
    }

    @Test
    public void sha256IsHex() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PasswordHasher.sha256Hex(""));
    }
}
