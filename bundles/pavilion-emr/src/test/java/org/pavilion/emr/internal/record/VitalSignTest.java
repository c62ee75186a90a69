package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class VitalSignTest {

    @Test
    public void plausibleValuesInTheirUnitPass() {
        assertNull(VitalSign.HEART_RATE.implausible(72, "/min"));
        assertNull(VitalSign.SYSTOLIC_BP.implausible(128, "mmHg"));
        assertNull(VitalSign.DIASTOLIC_BP.implausible(84, "mm[Hg]"));
        assertNull(VitalSign.BODY_TEMPERATURE.implausible(38.4, "Cel"));
        assertNull(VitalSign.SPO2.implausible(97, "%"));
        assertNull(VitalSign.BODY_WEIGHT.implausible(3.2, "kg"));
        assertNull(VitalSign.BODY_HEIGHT.implausible(175, null));
        assertNull(VitalSign.RESPIRATORY_RATE.implausible(16, ""));
    }

    @Test
    public void obviousUnitErrorsAreRejectedWithAHint() {
        String fahrenheit = VitalSign.BODY_TEMPERATURE.implausible(98.6, "Cel");
        assertNotNull(fahrenheit);
        assertTrue(fahrenheit, fahrenheit.contains("Fahrenheit"));
        assertTrue(VitalSign.SPO2.implausible(0.97, "%").contains("fraction"));
        assertTrue(VitalSign.BODY_HEIGHT.implausible(1.75, "cm").contains("metres"));
        assertNotNull(VitalSign.HEART_RATE.implausible(720, "/min"));
        assertNotNull(VitalSign.BODY_WEIGHT.implausible(0, "kg"));
        assertNotNull(VitalSign.SPO2.implausible(101, "%"));
        assertNotNull(VitalSign.HEART_RATE.implausible(Double.NaN, "/min"));
    }

    @Test
    public void anotherUnitThanTheVocabularysIsRefused() {
        assertTrue(VitalSign.BODY_TEMPERATURE.implausible(37, "[degF]").contains("measured in Cel"));
        assertNotNull(VitalSign.BODY_WEIGHT.implausible(70, "lb"));
    }

    @Test
    public void codesAreLookedUpCaseInsensitively() {
        assertEquals(VitalSign.HEART_RATE, VitalSign.byCode(" Heart-Rate "));
        assertNull(VitalSign.byCode("pulse"));
        assertEquals(8, VitalSign.codes().size());
    }
}
