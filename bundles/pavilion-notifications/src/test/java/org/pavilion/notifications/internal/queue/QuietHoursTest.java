package org.pavilion.notifications.internal.queue;

import static org.junit.Assert.assertEquals;

import java.time.ZonedDateTime;

import org.junit.Test;

/** Quiet hours in Paris, across midnight and within one day. */
public class QuietHoursTest {

    private static long paris(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 12, day, hour, minute, 0, 0, Ward.PARIS).toInstant().toEpochMilli();
    }

    @Test
    public void aNightWindowHoldsEveningAndEarlyMorningMessagesUntilEight() {
        QuietHours night = QuietHours.of("21:00", "08:00", "Europe/Paris");
        assertEquals(paris(8, 8, 0), night.dueAt(paris(7, 21, 30), false));
        assertEquals(paris(8, 8, 0), night.dueAt(paris(7, 21, 0), false));
        assertEquals(paris(8, 8, 0), night.dueAt(paris(8, 6, 15), false));
        assertEquals(paris(8, 8, 0), night.dueAt(paris(8, 8, 0), false));
        assertEquals(paris(7, 20, 59), night.dueAt(paris(7, 20, 59), false));
        assertEquals(paris(7, 12, 0), night.dueAt(paris(7, 12, 0), false));
    }

    @Test
    public void urgentMessagesIgnoreQuietHours() {
        QuietHours night = QuietHours.of("21:00", "08:00", "Europe/Paris");
        assertEquals(paris(7, 23, 10), night.dueAt(paris(7, 23, 10), true));
    }

    @Test
    public void aLunchWindowWithinOneDay() {
        QuietHours lunch = QuietHours.of("12:00", "14:00", "Europe/Paris");
        assertEquals(paris(7, 14, 0), lunch.dueAt(paris(7, 12, 30), false));
        assertEquals(paris(7, 11, 59), lunch.dueAt(paris(7, 11, 59), false));
        assertEquals(paris(7, 14, 0), lunch.dueAt(paris(7, 14, 0), false));
        assertEquals(paris(7, 22, 0), lunch.dueAt(paris(7, 22, 0), false));
    }

    @Test
    public void anEmptyStartMeansNoQuietHours() {
        QuietHours none = QuietHours.of("", "08:00", "Europe/Paris");
        assertEquals(paris(7, 23, 0), none.dueAt(paris(7, 23, 0), false));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aMistypedHourIsRefused() {
        QuietHours.of("9pm", "08:00", "Europe/Paris");
    }
}
