package org.pavilion.lab.internal.order;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.lab.internal.order.Ward.NURSE;
import static org.pavilion.lab.internal.order.Ward.TECH;
import static org.pavilion.lab.internal.order.Ward.as;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.rest.Page;
import org.pavilion.lab.internal.order.OrderViews.OrderDto;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.Result;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;

/**
 * The bench at ten: a routine TSH from eight, an urgent potassium from half past eight and a STAT CBC from a quarter
 * to ten; the STAT tubes come first, then the urgent, then the routine, each with how long it has waited and when it
 * is due. Nothing not yet collected, nothing released. And the tube label scans back to its id.
 */
public class WorklistTest {

    private static Ward ward;
    private static OrderDto routine;
    private static OrderDto urgent;
    private static OrderDto stat;

    @BeforeClass
    public static void morning() throws Exception {
        ward = new Ward();
        routine = ward.place("MRN-W1", "ROUTINE", "TSH");
        ward.minutesPass(30);
        urgent = ward.place("MRN-W2", "URGENT", "K");
        ward.minutesPass(75);
        stat = ward.place("MRN-W3", "STAT", "HB", "PLT");
        ward.place("MRN-W4", "STAT", "CRP"); // not collected yet: not on the bench's list
        for (OrderDto o : List.of(routine, urgent, stat)) {
            as(NURSE, () -> ward.specimens.collect(o.specimens.get(0).id));
        }
        as(TECH, () -> ward.specimens.receive(urgent.specimens.get(0).id));
        ward.minutesPass(15);
    }

    @AfterClass
    public static void close() throws Exception {
        ward.close();
    }

    @Test
    public void statThenUrgentThenRoutineOldestFirst() throws Exception {
        Page<Worklist.Entry> all = as(TECH, () -> ward.worklist.list(null, null, 0, 50));
        assertEquals(4, all.getTotal());
        assertEquals(List.of("HB", "PLT", "K", "TSH"), all.getItems().stream().map(e -> e.testCode).toList());
        Worklist.Entry tsh = all.getItems().get(3);
        assertEquals(120, tsh.waitingMinutes);
        assertEquals(Instant.ofEpochMilli(ward.now.get() - 120 * 60_000L + 240 * 60_000L).toString(), tsh.dueAt);
        assertEquals("MRN-W1", tsh.patientId);
        assertEquals("SERUM", tsh.specimenType);
        assertEquals("mIU/L", tsh.unit);
        assertEquals("NUMERIC", tsh.resultType);
        assertEquals("COLLECTED", tsh.status);
        Worklist.Entry hb = all.getItems().get(0);
        assertEquals("Haemoglobin", hb.testName);
        assertEquals(15, hb.waitingMinutes);
        assertEquals(stat.orderNumber, hb.orderNumber);
    }

    @Test
    public void pagesAndFiltersCrossThePriorities() throws Exception {
        Page<Worklist.Entry> second = as(TECH, () -> ward.worklist.list(null, null, 1, 2));
        assertEquals(List.of("K", "TSH"), second.getItems().stream().map(e -> e.testCode).toList());
        assertEquals(4, second.getTotal());
        Page<Worklist.Entry> received = as(TECH, () -> ward.worklist.list("received", null, 0, 50));
        assertEquals(List.of("K"), received.getItems().stream().map(e -> e.testCode).toList());
        Page<Worklist.Entry> routineOnly = as(TECH, () -> ward.worklist.list(null, "ROUTINE", 0, 50));
        assertEquals(List.of("TSH"), routineOnly.getItems().stream().map(e -> e.testCode).toList());
        OrderingDayTest.expect(400, "status", () -> as(TECH, () -> ward.worklist.list("RELEASED", null, 0, 50)));
        OrderingDayTest.expect(400, "priority", () -> as(TECH, () -> ward.worklist.list(null, "SOON", 0, 50)));
    }

    @Test
    public void theLabelScansBackToTheSpecimenId() throws Exception {
        String tube = stat.specimens.get(0).id;
        Specimens.Labelled l = as(NURSE, () -> ward.specimens.forLabel(tube));
        assertEquals("MRN-W3", l.mrn());
        assertEquals(List.of("HB", "PLT"), l.testCodes());
        byte[] png = SpecimenLabels.png(l);
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image);
        assertEquals(SpecimenLabels.WIDTH, image.getWidth());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        Result scanned = new Code128Reader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))));
        assertEquals(tube, scanned.getText());
        assertTrue(ward.audited.stream().anyMatch(a -> "READ".equals(a.action()) && "MRN-W3".equals(a.patientId())));
    }
}
