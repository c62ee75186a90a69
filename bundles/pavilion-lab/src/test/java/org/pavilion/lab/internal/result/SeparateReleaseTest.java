package org.pavilion.lab.internal.result;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;

/** A lab that releases in a step of its own ({@code releaseOnVerify=false}): verified results wait for it. */
public class SeparateReleaseTest {

    @Test
    public void withoutReleaseOnVerifyAVerifiedResultWaitsForItsRelease() throws Exception {
        try (Lab lab = new Lab(false)) {
            LabDatabase.SeededOrder order = lab.db.order("MRN-2", "dr.cuddy", "ROUTINE", ItemStatus.IN_PROGRESS, "K");
            String item = order.itemIds().get(0);
            ResultDto r = Lab.as(Lab.ANNA, () -> lab.results.enter(item, "4.0", null, null));
            assertEquals("mmol/L", r.unit);
            ResultDto verified = Lab.as(Lab.BEN, () -> lab.results.verify(r.id));
            assertEquals("VERIFIED", verified.status);
            assertEquals("VERIFIED", lab.row(OrderItemEntity.class, item).getStatus());
            assertTrue(lab.events.published.isEmpty());
            assertEquals("a verified item takes no new entry", 409,
                    Lab.refused(Lab.ANNA, () -> lab.results.enter(item, "4.1", null, null)).status());
            assertEquals(409, Lab.refused(Lab.ANNA, () -> lab.results.correct(r.id, "4.1", null, null, "typo"))
                    .status());

            ResultDto released = Lab.as(Lab.BEN, () -> lab.results.release(r.id));
            assertEquals("RELEASED", released.status);
            assertEquals(1, lab.events.of(LabResultReleased.TYPE, LabResultReleased.class).size());
            assertEquals(1, lab.events.of(LabTestCompleted.TYPE, LabTestCompleted.class).size());
            assertEquals("COMPLETED", lab.row(LabOrderEntity.class, order.orderId()).getStatus());
            assertEquals(409, Lab.refused(Lab.BEN, () -> lab.results.release(r.id)).status());
        }
    }
}
