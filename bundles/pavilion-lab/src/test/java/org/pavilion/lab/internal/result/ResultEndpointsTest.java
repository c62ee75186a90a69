package org.pavilion.lab.internal.result;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.pavilion.lab.internal.order.ItemResource;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.lab.internal.order.ItemStatus;

/** The result endpoints: who may call them (the seeded roles of their privileges) and a missing body. */
public class ResultEndpointsTest {

    private static final Set<String> TECHNICIAN = Set.of("LAB_TECHNICIAN");

    @Test
    public void onlyTechniciansEnterVerifyReleaseCorrectAndFlag() throws Exception {
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(ItemResource.class, Map.of("enter", TECHNICIAN, "start", TECHNICIAN));
        matrix.assertRest(ResultResource.class, Map.of("verify", TECHNICIAN, "release", TECHNICIAN,
                "correct", TECHNICIAN));
        matrix.assertRest(FlagResource.class, Map.of("flag", TECHNICIAN));
    }

    /** (The 201 with its Location needs a JAX-RS runtime, which this bundle's tests do not carry.) */
    @Test
    public void aBodyIsRequiredAndTheResourcesActThroughTheService() throws Exception {
        try (Lab lab = new Lab(true)) {
            String item = lab.db.order("MRN-7", "dr.kutner", "ROUTINE", ItemStatus.RECEIVED, "K").itemIds().get(0);
            ItemResource items = new ItemResource(null, lab.results);
            assertEquals(400, Lab.refused(Lab.ANNA, () -> items.enter(item, null)).status());
            ResultDto r = Lab.as(Lab.ANNA, () -> lab.results.enter(item, "3.1", null, null));
            ResultResource results = new ResultResource(lab.results);
            assertEquals(400, Lab.refused(Lab.BEN, () -> results.correct(r.id, null)).status());
            assertEquals("RELEASED", Lab.as(Lab.BEN, () -> results.verify(r.id)).status);
            assertEquals("L", new FlagResource(lab.results).flag("K", "3.1", null, null).flag());
        }
    }
}
