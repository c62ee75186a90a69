package org.pavilion.lab.internal.reading;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;

/**
 * For test classes that only read Ana's week (the chart, the portal, the SOAP face): the shelf and the week are
 * seeded once per class, and each test starts with an empty audit trail.
 */
public abstract class AnasWeekReading {

    protected static ResultShelf shelf;
    protected static AnasWeek week;

    @BeforeClass
    public static void openShelf() throws Exception {
        shelf = new ResultShelf();
        week = new AnasWeek(shelf);
    }

    @AfterClass
    public static void closeShelf() throws Exception {
        shelf.close();
        shelf = null;
        week = null;
    }

    @Before
    public void clearTheTrail() {
        shelf.trail.clear();
    }
}
