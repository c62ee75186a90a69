package org.pavilion.lab.internal.reading;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.lab.internal.reading.AnasWeek.ANA;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.emr.api.LabResult;

/**
 * The record view Dr House opens in the EMR lists Ana's latest lab results: released ones only, newest first, in the
 * EMR's shape (a normal result has no flag, a correction says CORRECTED).
 */
public class EmrLabResultsTest {

    private ResultShelf shelf;
    private EmrLabResults source;

    @Before
    public void setUp() throws Exception {
        shelf = new ResultShelf();
        new AnasWeek(shelf);
        source = new EmrLabResults(shelf.db.emf);
    }

    @After
    public void tearDown() throws Exception {
        shelf.close();
    }

    @Test
    public void theRecordViewGetsTheLatestReleasedResultsInTheEmrsShape() {
        List<LabResult> recent = source.recentResults(ANA, 20);
        assertEquals(List.of("UCULT", "K", "GLU", "K"), recent.stream().map(r -> r.code).toList());
        LabResult culture = recent.get(0);
        assertEquals("Urine culture", culture.name);
        assertEquals("No growth", culture.value);
        assertEquals("FINAL", culture.status);
        assertEquals("2026-12-02T08:00:00Z", culture.effectiveAt);
        LabResult corrected = recent.get(1);
        assertEquals("5.2", corrected.value);
        assertEquals("mmol/L", corrected.unit);
        assertEquals("H", corrected.flag);
        assertEquals("CORRECTED", corrected.status);
        assertEquals("3.5-5.1", corrected.referenceRange);
        assertNull("a normal result carries no flag in the EMR", recent.get(3).flag);
        assertEquals("FINAL", recent.get(3).status);

        assertEquals(List.of("UCULT", "K"), source.recentResults(ANA, 2).stream().map(r -> r.code).toList());
        assertTrue(source.recentResults("0000009999", 20).isEmpty());
        assertTrue(source.recentResults(ANA, 0).isEmpty());
        assertTrue("reading does not audit again: the EMR audited the record view", shelf.trail.isEmpty());
    }
}
