package org.pavilion.lab.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.OrderItemEntity;

/** The change log runs and every entity maps onto its table (H2, or PostgreSQL with -Dpavilion.test.postgres). */
public class LabDatabaseTest {

    @Test
    public void anOrderSeededAtReceivedReadsBackThroughTheEntities() throws Exception {
        try (LabDatabase db = new LabDatabase()) {
            db.starterTests();
            LabDatabase.SeededOrder o = db.order("MRN-1", "dr.house", "STAT", ItemStatus.RECEIVED, "K", "GLU");
            assertEquals(2, o.itemIds().size());
            String status = db.jpa.call(em -> em.find(OrderItemEntity.class, o.itemIds().get(0)).getStatus());
            assertEquals("RECEIVED", status);
        }
    }
}
