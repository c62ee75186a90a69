package org.pavilion.lab.internal.reading;

import static org.pavilion.lab.internal.reading.ResultShelf.HOUR;
import static org.pavilion.lab.internal.reading.ResultShelf.MONDAY_0800;

import org.pavilion.lab.internal.LabDatabase.SeededOrder;
import org.pavilion.lab.internal.order.ItemStatus;

/**
 * Ana's week of lab work (Dr House orders), and one result of Bruno's:
 * <ul>
 * <li>Mon 08:00 potassium 4.0 (N), Mon 09:00 glucose 6.2 (H);</li>
 * <li>Tue 08:00 potassium 5.9 (H), corrected to 5.4 and again to 5.2 (H);</li>
 * <li>Wed 08:00 a urine culture "No growth", and a potassium 3.0 still only entered;</li>
 * <li>Mon 20:00 Bruno's potassium 4.8 (N).</li>
 * </ul>
 */
public final class AnasWeek {

    public static final String ANA = "0000004269";
    public static final String BRUNO = "0000004463";
    public static final long DAY = 24 * HOUR;

    public final SeededOrder monday;
    public final SeededOrder tuesday;
    public final SeededOrder wednesday;
    public final SeededOrder brunos;
    public final String mondayPotassium;
    public final String mondayGlucose;
    public final String tuesdayOriginal;
    public final String tuesdayFirstCorrection;
    public final String tuesdayPotassium;
    public final String culture;
    public final String brunoPotassium;

    public AnasWeek(ResultShelf shelf) {
        monday = shelf.db.order(ANA, "dr.house", "ROUTINE", ItemStatus.RECEIVED, "K", "GLU");
        tuesday = shelf.db.order(ANA, "dr.house", "URGENT", ItemStatus.RECEIVED, "K");
        wednesday = shelf.db.order(ANA, "dr.house", "ROUTINE", ItemStatus.RECEIVED, "K", "UCULT");
        brunos = shelf.db.order(BRUNO, "dr.wilson", "ROUTINE", ItemStatus.RECEIVED, "K");
        mondayPotassium = shelf.released(monday, 0, "4.0", "N", false, MONDAY_0800);
        mondayGlucose = shelf.released(monday, 1, "6.2", "H", false, MONDAY_0800 + HOUR);
        tuesdayOriginal = shelf.released(tuesday, 0, "5.9", "H", false, MONDAY_0800 + DAY);
        tuesdayFirstCorrection = shelf.result(tuesday, 0, "5.4", "H", false, "RELEASED", MONDAY_0800 + DAY,
                tuesdayOriginal);
        tuesdayPotassium = shelf.result(tuesday, 0, "5.2", "H", false, "RELEASED", MONDAY_0800 + DAY,
                tuesdayFirstCorrection);
        shelf.result(wednesday, 0, "3.0", "L", false, "ENTERED", MONDAY_0800 + 2 * DAY, null);
        culture = shelf.released(wednesday, 1, "No growth", null, false, MONDAY_0800 + 2 * DAY);
        brunoPotassium = shelf.released(brunos, 0, "4.8", "N", false, MONDAY_0800 + 12 * HOUR);
    }
}
