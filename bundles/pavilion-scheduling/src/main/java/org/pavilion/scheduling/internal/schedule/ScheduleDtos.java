package org.pavilion.scheduling.internal.schedule;

import java.util.ArrayList;
import java.util.List;

/** What the schedule endpoints read and answer (JSON). Times of day "HH:mm" in the hospital's zone, days ISO. */
public final class ScheduleDtos {

    private ScheduleDtos() {
    }

    /** [start, end) of a break, "HH:mm". */
    public static class TimeRange {
        public String start;
        public String end;

        public TimeRange() {
        }

        public TimeRange(String start, String end) {
            this.start = start;
            this.end = end;
        }
    }

    /** A row of weekly hours; services empty or absent: every service of the doctor. */
    public static class WorkingHours {
        public String id;
        public String location;
        public Integer weekday;
        public String start;
        public String end;
        public String validFrom;
        public String validTo;
        public List<String> services = new ArrayList<>();
        public List<TimeRange> breaks = new ArrayList<>();
    }

    /** Whole days away, inclusive. */
    public static class Leave {
        public String id;
        public String from;
        public String to;
        public String reason;
    }

    /** CLOSED (start and end absent: all day) or OPEN (start, end and location required) on one day. */
    public static class DayException {
        public String id;
        public String day;
        public String kind;
        public String start;
        public String end;
        public String location;
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
