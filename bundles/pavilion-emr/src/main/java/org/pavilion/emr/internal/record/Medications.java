package org.pavilion.emr.internal.record;

import java.time.LocalDate;

/** When a prescription counts as a current medication. */
final class Medications {

    private Medications() {
    }

    /**
     * ACTIVE, and {@code today} within the course: from the start date for {@code durationDays} days, so a
     * 7-day course started on the 1st is current on the 1st to the 7th and not on the 8th.
     */
    static boolean isCurrent(String status, LocalDate startDate, int durationDays, LocalDate today) {
        if (!"ACTIVE".equals(status) || startDate == null || durationDays < 1) {
            return false;
        }
        return !today.isBefore(startDate) && today.isBefore(startDate.plusDays(durationDays));
    }
}
