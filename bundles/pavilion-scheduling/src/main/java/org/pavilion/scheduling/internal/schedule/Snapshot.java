package org.pavilion.scheduling.internal.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory and every schedule as one immutable picture, so that a slot search costs CPU and one query on the
 * holds, not a dozen queries on the schedules. {@link ScheduleSnapshots} replaces it after each change.
 *
 * @param services  by code, sorted by code
 * @param doctors   by id, sorted by display name
 * @param schedules by doctor id; a doctor without any schedule row has an empty one
 */
public record Snapshot(long version, long loadedMs, Map<String, ServiceInfo> services, Map<String, DoctorInfo> doctors,
        Map<String, DoctorSchedule> schedules) {

    /** A service; visitTypes in the order the service lists them (the first is the default). */
    public record ServiceInfo(String code, String name, String specialty, int slotMinutes, List<String> visitTypes,
            boolean active) {
    }

    /**
     * A doctor's profile; {@code services} maps each offered service code to the doctor's own slot length (null: the
     * service's).
     */
    public record DoctorInfo(String id, String username, String displayName, String title, String biography,
            String education, String achievements, boolean active, List<String> specialties, List<String> languages,
            Map<String, Integer> services, int ratingCount, long ratingSum, boolean hasPhoto) {

        /** Slot length of one of the doctor's services, or 0 when the doctor does not offer it. */
        public int slotMinutes(ServiceInfo service) {
            if (service == null || !services.containsKey(service.code())) {
                return 0;
            }
            Integer own = services.get(service.code());
            return own != null ? own : service.slotMinutes();
        }
    }

    /** [start, end) in minutes after midnight. */
    public record Interval(int start, int end) {
        public boolean overlaps(int s, int e) {
            return s < end && start < e;
        }
    }

    /** A row of weekly hours; services null: every service of the doctor. Validity dates inclusive, null: open. */
    public record Hours(String id, String location, int weekday, int start, int end, LocalDate validFrom,
            LocalDate validTo, Set<String> services, List<Interval> breaks) {

        public boolean validOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
        }
    }

    /** Whole days away, inclusive. */
    public record Leave(String id, LocalDate from, LocalDate to, String reason) {
        public boolean covers(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /** CLOSED (start null: the whole day) or OPEN (extra hours at a location) on one day. */
    public record DayException(String id, LocalDate day, String kind, Integer start, Integer end, String location,
            String reason) {
        public static final String CLOSED = "CLOSED";
        public static final String OPEN = "OPEN";
    }

    /** Everything that says when one doctor works. */
    public record DoctorSchedule(List<Hours> hours, List<Leave> leave, List<DayException> exceptions) {
        public static final DoctorSchedule EMPTY = new DoctorSchedule(List.of(), List.of(), List.of());
    }

    public DoctorSchedule schedule(String doctorId) {
        return schedules.getOrDefault(doctorId, DoctorSchedule.EMPTY);
    }
}
