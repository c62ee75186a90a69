package org.pavilion.lab.internal.order;

import org.junit.AfterClass;
import org.junit.BeforeClass;

/**
 * One ward for a test class: the change log runs once per class, and each test uses patients of its own so tests
 * do not depend on each other's order.
 */
public abstract class WardDay {

    protected static Ward ward;

    @BeforeClass
    public static void openWard() throws Exception {
        ward = new Ward();
    }

    @AfterClass
    public static void closeWard() throws Exception {
        ward.close();
        ward = null;
    }
}
