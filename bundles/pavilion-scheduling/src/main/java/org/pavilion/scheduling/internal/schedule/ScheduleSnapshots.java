package org.pavilion.scheduling.internal.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.DoctorLanguageEntity;
import org.pavilion.scheduling.internal.directory.DoctorServiceEntity;
import org.pavilion.scheduling.internal.directory.DoctorSpecialtyEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;
import org.pavilion.scheduling.internal.schedule.Snapshot.DayException;
import org.pavilion.scheduling.internal.schedule.Snapshot.DoctorInfo;
import org.pavilion.scheduling.internal.schedule.Snapshot.DoctorSchedule;
import org.pavilion.scheduling.internal.schedule.Snapshot.Hours;
import org.pavilion.scheduling.internal.schedule.Snapshot.Interval;
import org.pavilion.scheduling.internal.schedule.Snapshot.Leave;
import org.pavilion.scheduling.internal.schedule.Snapshot.ServiceInfo;

/**
 * Keeps the current {@link Snapshot}. Writers of the directory and the schedules call {@link #changed()} after their
 * transaction commits; the next reader loads a new picture. A version counter makes sure a picture loaded while a
 * change committed is never kept; a picture older than {@link #MAX_AGE_MS} is reloaded too, so that columns other
 * parts write (the feedback part's ratings) and other nodes' changes show up.
 */
@Component(service = ScheduleSnapshots.class)
public class ScheduleSnapshots {

    static final long MAX_AGE_MS = 60_000;

    private final JpaTransactions jpa;
    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot current;

    @Activate
    public ScheduleSnapshots(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    /** The current picture, loaded first when something changed. */
    public Snapshot current() {
        Snapshot s = current;
        if (s != null && s.version() == version.get() && System.currentTimeMillis() - s.loadedMs() < MAX_AGE_MS) {
            return s;
        }
        return reload();
    }

    /** Something in the directory or a schedule changed (call after the commit). */
    public void changed() {
        version.incrementAndGet();
    }

    private synchronized Snapshot reload() {
        Snapshot s = current;
        long v = version.get();
        if (s != null && s.version() == v && System.currentTimeMillis() - s.loadedMs() < MAX_AGE_MS) {
            return s;
        }
        s = jpa.call(em -> load(em, v));
        current = s;
        return s;
    }

    static Snapshot load(EntityManager em, long version) {
        long loadedMs = System.currentTimeMillis();
        Map<String, ServiceInfo> services = new LinkedHashMap<>();
        for (ServiceEntity s : em.createQuery("SELECT s FROM ServiceEntity s ORDER BY s.code", ServiceEntity.class)
                .getResultList()) {
            services.put(s.getCode(), new ServiceInfo(s.getCode(), s.getName(), s.getSpecialty(), s.getSlotMinutes(),
                    splitList(s.getVisitTypes()), s.isActive()));
        }
        Map<String, List<String>> specialties = pairs(em.createQuery(
                "SELECT s.doctorId, s.specialty FROM DoctorSpecialtyEntity s ORDER BY s.specialty", Object[].class)
                .getResultList());
        Map<String, List<String>> languages = pairs(em.createQuery(
                "SELECT l.doctorId, l.language FROM DoctorLanguageEntity l ORDER BY l.language", Object[].class)
                .getResultList());
        Map<String, Map<String, Integer>> offered = new HashMap<>();
        for (DoctorServiceEntity ds : em.createQuery(
                "SELECT d FROM DoctorServiceEntity d ORDER BY d.serviceCode", DoctorServiceEntity.class).getResultList()) {
            offered.computeIfAbsent(ds.getDoctorId(), k -> new LinkedHashMap<>()).put(ds.getServiceCode(),
                    ds.getSlotMinutes());
        }
        Set<String> withPhoto = doctorsWithPhoto(em);
        List<DoctorEntity> doctorRows = new ArrayList<>(em.createQuery("SELECT d FROM DoctorEntity d", DoctorEntity.class)
                .getResultList());
        doctorRows.sort(Comparator.comparing((DoctorEntity d) -> d.getDisplayName().toLowerCase())
                .thenComparing(DoctorEntity::getId));
        Map<String, DoctorInfo> doctors = new LinkedHashMap<>();
        for (DoctorEntity d : doctorRows) {
            doctors.put(d.getId(), new DoctorInfo(d.getId(), d.getUsername(), d.getDisplayName(), d.getTitle(),
                    d.getBiography(), d.getEducation(), d.getAchievements(), d.isActive(),
                    List.copyOf(specialties.getOrDefault(d.getId(), List.of())),
                    List.copyOf(languages.getOrDefault(d.getId(), List.of())),
                    Collections.unmodifiableMap(offered.getOrDefault(d.getId(), Map.of())), d.getRatingCount(),
                    d.getRatingSum(), withPhoto.contains(d.getId())));
        }

        Map<String, List<Interval>> breaks = new HashMap<>();
        for (BreakEntity b : em.createQuery("SELECT b FROM BreakEntity b ORDER BY b.startMinute", BreakEntity.class)
                .getResultList()) {
            breaks.computeIfAbsent(b.getHoursId(), k -> new ArrayList<>())
                    .add(new Interval(b.getStartMinute(), b.getEndMinute()));
        }
        Map<String, List<Hours>> hours = new HashMap<>();
        for (WorkingHoursEntity h : em.createQuery(
                "SELECT h FROM WorkingHoursEntity h ORDER BY h.weekday, h.startMinute", WorkingHoursEntity.class)
                .getResultList()) {
            hours.computeIfAbsent(h.getDoctorId(), k -> new ArrayList<>()).add(hours(h,
                    breaks.getOrDefault(h.getId(), List.of())));
        }
        Map<String, List<Leave>> leave = new HashMap<>();
        for (LeaveEntity l : em.createQuery("SELECT l FROM LeaveEntity l ORDER BY l.fromDay", LeaveEntity.class)
                .getResultList()) {
            leave.computeIfAbsent(l.getDoctorId(), k -> new ArrayList<>()).add(leave(l));
        }
        Map<String, List<DayException>> exceptions = new HashMap<>();
        for (ExceptionEntity e : ExceptionRows.list(em, null)) {
            exceptions.computeIfAbsent(e.getDoctorId(), k -> new ArrayList<>()).add(exception(e));
        }
        Map<String, DoctorSchedule> schedules = new HashMap<>();
        for (String id : doctors.keySet()) {
            schedules.put(id, new DoctorSchedule(List.copyOf(hours.getOrDefault(id, List.of())),
                    List.copyOf(leave.getOrDefault(id, List.of())), List.copyOf(exceptions.getOrDefault(id, List.of()))));
        }
        return new Snapshot(version, loadedMs, Collections.unmodifiableMap(services),
                Collections.unmodifiableMap(doctors), Collections.unmodifiableMap(schedules));
    }

    static Hours hours(WorkingHoursEntity h, List<Interval> breaks) {
        Set<String> services = h.getServices() == null || h.getServices().isBlank() ? null
                : Collections.unmodifiableSet(new LinkedHashSet<>(splitList(h.getServices())));
        return new Hours(h.getId(), h.getLocation(), h.getWeekday(), h.getStartMinute(), h.getEndMinute(),
                day(h.getValidFrom()), day(h.getValidTo()), services, List.copyOf(breaks));
    }

    static Leave leave(LeaveEntity l) {
        return new Leave(l.getId(), LocalDate.parse(l.getFromDay()), LocalDate.parse(l.getToDay()), l.getReason());
    }

    static DayException exception(ExceptionEntity e) {
        return new DayException(e.getId(), LocalDate.parse(e.getDay()), e.getKind(), e.getStartMinute(),
                e.getEndMinute(), e.getLocation(), e.getReason());
    }

    private static LocalDate day(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text);
    }

    /** "IN_PERSON,VIDEO" as a list, blanks dropped. */
    public static List<String> splitList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toList());
    }

    private static Map<String, List<String>> pairs(List<Object[]> rows) {
        Map<String, List<String>> map = new HashMap<>();
        for (Object[] r : rows) {
            map.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return map;
    }

    private static Set<String> doctorsWithPhoto(EntityManager em) {
        Set<String> ids = new HashSet<>();
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement q = c.prepareStatement("SELECT doctor_id FROM sched_doctor_photo");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read which doctors have a photo", e);
        }
        return ids;
    }
}
