package org.pavilion.scheduling.internal.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.SlotHolds;
import org.pavilion.scheduling.internal.schedule.Snapshot.DoctorInfo;
import org.pavilion.scheduling.internal.schedule.Snapshot.ServiceInfo;

/**
 * The slots the schedules define ({@link SlotRules}) and which of them are free ({@link FreeSlots}): schedules and
 * directory come from the in-memory {@link Snapshot}; a search adds indexed queries on {@code sched_slot_hold}, one
 * in the usual case.
 */
// No @Designate: SchedulingConfig's own pid already designates it, and bnd refuses a second designate of that pid.
@Component(service = {SlotRules.class, FreeSlots.class, SlotEngine.class}, configurationPid = SchedulingConfig.PID)
public class SlotEngine implements SlotRules, FreeSlots {

    static final int MAX_DAYS = 92;
    static final int MAX_LIMIT = 500;
    private static final int IN_CHUNK = 250;

    private final ScheduleSnapshots snapshots;
    private final JpaTransactions jpa;
    private final Clock clock;
    private volatile ZoneId zone;
    private volatile int maxDaysAhead;

    @Activate
    public SlotEngine(@Reference ScheduleSnapshots snapshots,
            @Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            SchedulingConfig config) {
        this(snapshots, emf, Times.zone(config.zone()), config.maxDaysAhead(), Clock.systemUTC());
    }

    /** For tests (also other parts'): a fixed zone and clock. */
    public SlotEngine(ScheduleSnapshots snapshots, EntityManagerFactory emf, ZoneId zone, int maxDaysAhead,
            Clock clock) {
        this.snapshots = snapshots;
        this.jpa = new JpaTransactions(emf);
        this.zone = zone;
        this.maxDaysAhead = maxDaysAhead;
        this.clock = clock;
    }

    @Modified
    void modified(SchedulingConfig config) {
        this.zone = Times.zone(config.zone());
        this.maxDaysAhead = config.maxDaysAhead();
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    public long nowMs() {
        return clock.millis();
    }

    @Override
    public Slot slotAt(String doctorId, String serviceCode, String visitType, long startsMs) {
        Snapshot snap = snapshots.current();
        DoctorInfo doctor = doctor(snap, doctorId);
        ServiceInfo service = service(snap, serviceCode);
        int minutes = doctor.slotMinutes(service);
        if (minutes == 0) {
            throw ProblemException.validation(doctor.displayName() + " does not offer " + service.name());
        }
        String type = visitType(service, visitType);
        ZoneId z = zone;
        long now = clock.millis();
        if (startsMs <= now) {
            throw ProblemException.validation("The time is in the past");
        }
        ZonedDateTime at = Instant.ofEpochMilli(startsMs).atZone(z);
        LocalDate day = at.toLocalDate();
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), z);
        if (day.isAfter(today.plusDays(maxDaysAhead))) {
            throw ProblemException.validation("Appointments can be booked at most " + maxDaysAhead + " days ahead");
        }
        int minute = at.getHour() * 60 + at.getMinute();
        if (at.getSecond() != 0 || at.getNano() != 0 || DaySlots.instant(day, minute, z) != startsMs) {
            throw ProblemException.validation("The time is not a slot start");
        }
        DaySlots.Window w = DaySlots.check(snap.schedule(doctor.id()), day, minute, service.code(), minutes);
        return slot(doctor, service, type, w.location(), startsMs, startsMs + minutes * 60_000L);
    }

    @Override
    public Slot externalSlot(String doctorId, String serviceCode, String visitType, long startsMs, long endsMs) {
        Snapshot snap = snapshots.current();
        DoctorInfo doctor = doctor(snap, doctorId);
        ServiceInfo service = service(snap, serviceCode);
        if (endsMs <= startsMs) {
            throw ProblemException.validation("The time is empty: its end must be after its start");
        }
        String type = visitType == null || visitType.isBlank() ? firstVisitType(service) : visitType.strip();
        ZonedDateTime at = Instant.ofEpochMilli(startsMs).atZone(zone);
        int minute = at.getHour() * 60 + at.getMinute();
        String location = DaySlots.windows(snap.schedule(doctor.id()), at.toLocalDate()).stream()
                .filter(w -> w.contains(minute)).map(DaySlots.Window::location).findFirst().orElse(null);
        return slot(doctor, service, type, location, startsMs, endsMs);
    }

    @Override
    public List<Slot> find(Query q) {
        if (q == null || q.from() == null || q.to() == null) {
            throw ProblemException.validation("from and to are required days (e.g. 2026-12-07)");
        }
        if (q.to().isBefore(q.from())) {
            throw ProblemException.validation("to must not be before from");
        }
        if (ChronoUnit.DAYS.between(q.from(), q.to()) > MAX_DAYS) {
            throw ProblemException.validation("from and to may be at most " + MAX_DAYS + " days apart");
        }
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            throw ProblemException.validation("limit must be between 1 and " + MAX_LIMIT + ", was " + q.limit());
        }
        Snapshot snap = snapshots.current();
        if (blank(q.doctorId()) != null && !snap.doctors().containsKey(q.doctorId().strip())) {
            throw ProblemException.notFound("Doctor", q.doctorId());
        }
        if (blank(q.serviceCode()) != null && !snap.services().containsKey(q.serviceCode().strip())) {
            throw ProblemException.notFound("Service", q.serviceCode());
        }
        List<DoctorInfo> candidates = new ArrayList<>();
        for (DoctorInfo d : snap.doctors().values()) {
            if (d.active() && matches(d, q)) {
                candidates.add(d);
            }
        }
        return search(snap, candidates, q, q.from(), q.to(), q.limit(), Integer.MAX_VALUE);
    }

    /**
     * The next free slots of each doctor (any of their services, default visit type) from today on, at most
     * {@code perDoctor} each, looking {@code days} ahead: one query on the holds for all of them.
     */
    public Map<String, List<Slot>> nextFree(Collection<String> doctorIds, int perDoctor, int days) {
        Snapshot snap = snapshots.current();
        List<DoctorInfo> candidates = doctorIds.stream().map(snap.doctors()::get)
                .filter(d -> d != null && d.active()).toList();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Query q = new Query(null, null, null, null, null, today, today.plusDays(days), MAX_LIMIT);
        Map<String, List<Slot>> byDoctor = new LinkedHashMap<>();
        doctorIds.forEach(id -> byDoctor.put(id, new ArrayList<>()));
        for (Slot s : search(snap, candidates, q, q.from(), q.to(), Integer.MAX_VALUE, perDoctor)) {
            byDoctor.get(s.doctorId()).add(s);
        }
        return byDoctor;
    }

    /**
     * Day by day, the candidate slots the schedules give (CPU only, ordered by start, then doctor name, then service);
     * their free ones are found in batches, earliest first: the holds of a batch's doctors over the batch's time span
     * come in one query. A search whose first batch fills the limit, the usual case, costs one small query; batches
     * double in size, so a fully booked range costs a few more.
     */
    private List<Slot> search(Snapshot snap, List<DoctorInfo> candidates, Query q, LocalDate from, LocalDate to,
            int limit, int perDoctor) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        ZoneId z = zone;
        long now = clock.millis();
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), z);
        LocalDate first = from.isBefore(today) ? today : from;
        LocalDate last = to.isAfter(today.plusDays(maxDaysAhead)) ? today.plusDays(maxDaysAhead) : to;
        // one transaction, one connection for every batch of the search
        return jpa.call(em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                return search(c, snap, candidates, q, first, last, z, now, limit, perDoctor);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the held times", e);
            }
        });
    }

    private List<Slot> search(Connection c, Snapshot snap, List<DoctorInfo> candidates, Query q, LocalDate first,
            LocalDate last, ZoneId z, long now, int limit, int perDoctor) throws SQLException {
        Map<String, Integer> found = new HashMap<>();
        List<Slot> result = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last) && result.size() < limit; day = day.plusDays(1)) {
            List<Slot> ofDay = candidates(snap, candidates, q, day, z, now, found, perDoctor);
            int batch = Math.max(64, 2 * (limit - result.size()));
            for (int i = 0; i < ofDay.size() && result.size() < limit; i += batch, batch *= 2) {
                List<Slot> part = ofDay.subList(i, Math.min(ofDay.size(), i + batch));
                Map<String, long[]> held = holds(c, part);
                for (Slot s : part) {
                    if (result.size() >= limit) {
                        break;
                    }
                    int already = found.getOrDefault(s.doctorId(), 0);
                    if (already < perDoctor && !isHeld(held.getOrDefault(s.doctorId(), EMPTY), s.startsMs(), s.endsMs())) {
                        found.put(s.doctorId(), already + 1);
                        result.add(s);
                    }
                }
            }
        }
        return result;
    }

    /** Every slot the schedules give on {@code day} after now, held or not; doctors are in name order already. */
    private List<Slot> candidates(Snapshot snap, List<DoctorInfo> doctors, Query q, LocalDate day, ZoneId z, long now,
            Map<String, Integer> found, int perDoctor) {
        List<Slot> ofDay = new ArrayList<>();
        for (DoctorInfo d : doctors) {
            if (found.getOrDefault(d.id(), 0) >= perDoctor) {
                continue;
            }
            List<DaySlots.Window> windows = DaySlots.windows(snap.schedule(d.id()), day);
            if (windows.isEmpty()) {
                continue;
            }
            for (String code : d.services().keySet()) {
                ServiceInfo service = snap.services().get(code);
                if (service == null || !service.active() || !serviceMatches(service, q)) {
                    continue;
                }
                String type = blank(q.visitType()) != null ? q.visitType().strip().toUpperCase(Locale.ROOT)
                        : firstVisitType(service);
                DaySlots.slots(windows, day, z, code, d.slotMinutes(service), (w, s, e) -> {
                    if (s > now) {
                        ofDay.add(slot(d, service, type, w.location(), s, e));
                    }
                    return true;
                });
            }
        }
        // stable: equal starts keep the doctors' name order and the services' code order
        ofDay.sort(Comparator.comparingLong(Slot::startsMs));
        return ofDay;
    }

    private static final long[] EMPTY = new long[0];

    /**
     * SQL for the holds of {@code doctors} doctors in a range of units. PostgreSQL walks the primary key (doctor_id,
     * unit_ms) for an IN list with the range; H2 2.2 would use the IN list alone and read every hold of those doctors,
     * so there it is one UNION ALL branch per doctor, each a range on the key.
     */
    static String holdQuery(int doctors, boolean h2) {
        if (h2) {
            String branch = "SELECT doctor_id, unit_ms FROM sched_slot_hold"
                    + " WHERE doctor_id = ? AND unit_ms >= ? AND unit_ms < ?";
            return String.join(" UNION ALL ", java.util.Collections.nCopies(doctors, branch));
        }
        return "SELECT doctor_id, unit_ms FROM sched_slot_hold WHERE doctor_id IN ("
                + String.join(",", java.util.Collections.nCopies(doctors, "?")) + ") AND unit_ms >= ? AND unit_ms < ?";
    }

    /** The held units, sorted per doctor, of the slots' doctors over the slots' span: one query. */
    private static Map<String, long[]> holds(Connection c, List<Slot> slots) throws SQLException {
        Map<String, long[]> held = new HashMap<>();
        if (slots.isEmpty()) {
            return held;
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        LinkedHashSet<String> doctors = new LinkedHashSet<>();
        for (Slot s : slots) {
            from = Math.min(from, s.startsMs());
            to = Math.max(to, s.endsMs());
            doctors.add(s.doctorId());
        }
        long fromUnit = SlotHolds.firstUnit(from);
        List<String> ids = new ArrayList<>(doctors);
        Map<String, List<Long>> lists = new HashMap<>();
        boolean h2 = c.getMetaData().getDatabaseProductName().startsWith("H2");
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            try (PreparedStatement q = c.prepareStatement(holdQuery(chunk.size(), h2))) {
                int p = 1;
                if (h2) {
                    for (String id : chunk) {
                        q.setString(p++, id);
                        q.setLong(p++, fromUnit);
                        q.setLong(p++, to);
                    }
                } else {
                    for (String id : chunk) {
                        q.setString(p++, id);
                    }
                    q.setLong(p++, fromUnit);
                    q.setLong(p, to);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        lists.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }
                }
            }
        }
        lists.forEach((id, l) -> {
            long[] a = new long[l.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = l.get(k);
            }
            Arrays.sort(a);
            held.put(id, a);
        });
        return held;
    }

    /** Whether any 5-minute unit [startsMs, endsMs) touches is held. */
    static boolean isHeld(long[] units, long startsMs, long endsMs) {
        if (units.length == 0) {
            return false;
        }
        int i = Arrays.binarySearch(units, SlotHolds.firstUnit(startsMs));
        int at = i >= 0 ? i : -i - 1;
        return at < units.length && units[at] < endsMs;
    }

    private static boolean matches(DoctorInfo d, Query q) {
        if (blank(q.doctorId()) != null && !d.id().equals(q.doctorId().strip())) {
            return false;
        }
        if (blank(q.specialty()) != null
                && d.specialties().stream().noneMatch(s -> s.equalsIgnoreCase(q.specialty().strip()))) {
            return false;
        }
        if (blank(q.language()) != null && d.languages().stream().noneMatch(l -> languageMatches(l, q.language()))) {
            return false;
        }
        return blank(q.serviceCode()) == null || d.services().containsKey(q.serviceCode().strip());
    }

    private static boolean serviceMatches(ServiceInfo s, Query q) {
        if (blank(q.serviceCode()) != null && !s.code().equals(q.serviceCode().strip())) {
            return false;
        }
        return blank(q.visitType()) == null || s.visitTypes().contains(q.visitType().strip().toUpperCase(Locale.ROOT));
    }

    /** "es" finds "es" and "es-MX"; "es-MX" finds only "es-MX" (BCP 47, case-insensitive). */
    public static boolean languageMatches(String tag, String wanted) {
        String t = tag.toLowerCase(Locale.ROOT);
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        return t.equals(w) || t.startsWith(w + "-");
    }

    private static DoctorInfo doctor(Snapshot snap, String doctorId) {
        DoctorInfo d = doctorId == null ? null : snap.doctors().get(doctorId.strip());
        if (d == null || !d.active()) {
            throw ProblemException.notFound("Doctor", doctorId);
        }
        return d;
    }

    private static ServiceInfo service(Snapshot snap, String code) {
        ServiceInfo s = code == null ? null : snap.services().get(code.strip());
        if (s == null || !s.active()) {
            throw ProblemException.notFound("Service", code);
        }
        return s;
    }

    private static String visitType(ServiceInfo service, String visitType) {
        if (visitType == null || visitType.isBlank()) {
            return firstVisitType(service);
        }
        String t = visitType.strip().toUpperCase(Locale.ROOT);
        if (!service.visitTypes().contains(t)) {
            throw ProblemException.validation(service.name() + " is not offered as " + t + " (offered: "
                    + String.join(", ", service.visitTypes()) + ")");
        }
        return t;
    }

    private static String firstVisitType(ServiceInfo service) {
        return service.visitTypes().isEmpty() ? "IN_PERSON" : service.visitTypes().get(0);
    }

    private static Slot slot(DoctorInfo d, ServiceInfo s, String visitType, String location, long startsMs,
            long endsMs) {
        String specialty = s.specialty() != null ? s.specialty()
                : d.specialties().isEmpty() ? null : d.specialties().get(0);
        return new Slot(d.id(), d.displayName(), specialty, s.code(), s.name(), visitType, location, startsMs, endsMs);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
