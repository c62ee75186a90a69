package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;

import org.junit.Test;

public class MedicationsTest {

    private static final LocalDate START = LocalDate.of(2024, 3, 1);

    @Test
    public void aSevenDayCourseIsCurrentFromItsFirstToItsSeventhDay() {
        assertFalse("not before it starts", Medications.isCurrent("ACTIVE", START, 7, START.minusDays(1)));
        assertTrue(Medications.isCurrent("ACTIVE", START, 7, START));
        assertTrue(Medications.isCurrent("ACTIVE", START, 7, LocalDate.of(2024, 3, 7)));
        assertFalse(Medications.isCurrent("ACTIVE", START, 7, LocalDate.of(2024, 3, 8)));
    }

    @Test
    public void aStoppedPrescriptionIsNeverCurrent() {
        assertFalse(Medications.isCurrent("STOPPED", START, 30, START.plusDays(1)));
    }

    @Test
    public void aOneDayCourseSpansAcrossALeapDay() {
        LocalDate leap = LocalDate.of(2024, 2, 29);
        assertTrue(Medications.isCurrent("ACTIVE", leap, 1, leap));
        assertFalse(Medications.isCurrent("ACTIVE", leap, 1, leap.plusDays(1)));
        assertFalse(Medications.isCurrent("ACTIVE", leap, 0, leap));
    }
}
