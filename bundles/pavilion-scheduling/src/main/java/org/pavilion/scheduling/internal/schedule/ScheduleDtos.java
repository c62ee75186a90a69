package org.pavilion.scheduling.internal.schedule;

import java.util.ArrayList;
import java.util.List;

import javax.validation.Valid;
import javax.validation.constraints.Max;
import javax.validation.constraints.Min;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

import org.pavilion.scheduling.internal.FitsColumn;

/**
 * What the schedule endpoints read and answer (JSON). Times of day "HH:mm" in the hospital's zone, days ISO. The
 * bodies' own rules are declared (DeclaredConstraints: every broken field in one 400); ScheduleService checks what
 * needs the database after (the doctor's services, overlaps with the doctor's other hours).
 */
public final class ScheduleDtos {

    static final String TIME_OF_DAY = "must be a time of day such as 09:00";
    static final String DAY_REQUIRED = "is required (e.g. 2026-12-07)";
    static final String WEEKDAY = "must be 1 (Monday) to 7 (Sunday)";
    static final String TOO_LONG = "is longer than {max} characters";

    private ScheduleDtos() {
    }

    /** [start, end) of a break, "HH:mm". */
    @EndAfterStart
    public static class TimeRange {
        @NotBlank(message = TIME_OF_DAY) @TimeOfDay
        public String start;
        @NotBlank(message = TIME_OF_DAY) @TimeOfDay
        public String end;

        public TimeRange() {
        }

        public TimeRange(String start, String end) {
            this.start = start;
            this.end = end;
        }
    }

    /** A row of weekly hours; services empty or absent: every service of the doctor. */
    @EndAfterStart @DaysInOrder(from = "validFrom", to = "validTo") @BreaksWithinHours
    public static class WorkingHours {
        public String id;
        @NotBlank(message = "is required") @Size(max = 64, message = TOO_LONG)
        public String location;
        @NotNull(message = WEEKDAY) @Min(value = 1, message = WEEKDAY) @Max(value = 7, message = WEEKDAY)
        public Integer weekday;
        @NotBlank(message = TIME_OF_DAY) @TimeOfDay
        public String start;
        @NotBlank(message = TIME_OF_DAY) @TimeOfDay
        public String end;
        /** Absent: since ever. */
        @IsoDay
        public String validFrom;
        /** Absent: for good. */
        @IsoDay
        public String validTo;
        @FitsColumn(chars = 400, as = FitsColumn.Stored.COMMAS,
                message = "are too many: at most {chars} characters of codes in all")
        public List<String> services = new ArrayList<>();
        public List<@NotNull(message = "needs start and end") @Valid TimeRange> breaks = new ArrayList<>();
    }

    /** Whole days away, inclusive. */
    @DaysInOrder(from = "from", to = "to")
    public static class Leave {
        public String id;
        @NotBlank(message = DAY_REQUIRED) @IsoDay
        public String from;
        @NotBlank(message = DAY_REQUIRED) @IsoDay
        public String to;
        @Size(max = 200, message = TOO_LONG)
        public String reason;
    }

    /** CLOSED (start and end absent: all day) or OPEN (start, end and location required) on one day. */
    @ExceptionHours @EndAfterStart
    public static class DayException {
        public String id;
        @NotBlank(message = DAY_REQUIRED) @IsoDay
        public String day;
        @NotNull(message = "must be CLOSED or OPEN")
        @Pattern(regexp = "(?i)\\s*(CLOSED|OPEN)\\s*", message = "must be CLOSED or OPEN")
        public String kind;
        @TimeOfDay
        public String start;
        @TimeOfDay
        public String end;
        @Size(max = 64, message = TOO_LONG)
        public String location;
        @Size(max = 200, message = TOO_LONG)
        public String reason;
    }

    /** A doctor's whole schedule. */
    public static class Schedule {
        public String doctorId;
        public List<WorkingHours> workingHours = new ArrayList<>();
        public List<Leave> leave = new ArrayList<>();
        public List<DayException> exceptions = new ArrayList<>();
    }

    /** A BOOKED or CHECKED_IN appointment the schedule does not cover (any more): to be rescheduled by staff. */
    public static class Conflict {
        public String appointmentId;
        public String status;
        public String serviceCode;
        public String location;
        public String start;
        public String end;
        public String localStart;
    }

    /** The answer to a change: what was changed (null after a delete) and the appointments left uncovered. */
    public static class Change {
        public Object change;
        public List<Conflict> conflicts = new ArrayList<>();

        public Change() {
        }

        public Change(Object change, List<Conflict> conflicts) {
            this.change = change;
            this.conflicts = conflicts;
        }
    }
}
