package org.pavilion.scheduling.internal.schedule;

import java.time.LocalDate;
import java.util.List;

/** Free-slot search: the slots the schedules define, less the times held in the database. */
public interface FreeSlots {

    /**
     * What to look for; every filter but the dates may be null. Days inclusive, in the hospital's zone; at most 92
     * days apart (400 otherwise). {@code limit} caps the answer (1 to 500), earliest first.
     */
    record Query(String doctorId, String specialty, String serviceCode, String language, String visitType,
            LocalDate from, LocalDate to, int limit) {
    }

    /** Free slots, earliest first, then by doctor name; only slots starting after now. */
    List<SlotRules.Slot> find(Query query);
}
