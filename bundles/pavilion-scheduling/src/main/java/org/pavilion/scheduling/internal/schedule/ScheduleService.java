package org.pavilion.scheduling.internal.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.Inputs;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.DoctorServiceEntity;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.Change;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.Conflict;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.Schedule;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.TimeRange;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.WorkingHours;
import org.pavilion.scheduling.internal.schedule.Snapshot.DoctorSchedule;

/**
 * Doctors' weekly hours, breaks, leave and exceptions: validated, stored, audited. A change never touches an
 * appointment: it answers the BOOKED and CHECKED_IN appointments still to come that the schedule no longer covers,
 * for staff to reschedule.
 */
@Component(service = ScheduleService.class)
public class ScheduleService {

    private static final Pattern HH_MM = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final ScheduleSnapshots snapshots;
    private final SlotEngine slots;

    @Activate
    public ScheduleService(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference ScheduleSnapshots snapshots, @Reference SlotEngine slots) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.snapshots = snapshots;
        this.slots = slots;
    }

    public Schedule schedule(String doctorId) {
        return jpa.call(em -> {
            requireDoctor(em, doctorId);
            Schedule s = new Schedule();
            s.doctorId = doctorId;
            List<WorkingHoursEntity> hours = em.createQuery("SELECT h FROM WorkingHoursEntity h WHERE h.doctorId = :d"
                    + " ORDER BY h.weekday, h.startMinute, h.id", WorkingHoursEntity.class).setParameter("d", doctorId)
                    .getResultList();
            for (WorkingHoursEntity h : hours) {
                s.workingHours.add(view(h, breaks(em, h.getId())));
            }
            em.createQuery("SELECT l FROM LeaveEntity l WHERE l.doctorId = :d ORDER BY l.fromDay, l.id",
                    LeaveEntity.class).setParameter("d", doctorId).getResultList().forEach(l -> s.leave.add(view(l)));
            ExceptionRows.list(em, doctorId).forEach(e -> s.exceptions.add(view(e)));
            return s;
        });
    }

    public Change addHours(String doctorId, WorkingHours in) {
        String id = UUID.randomUUID().toString();
        WorkingHours saved = changeSchedule(doctorId, "working hours " + id + " added", em -> {
            requireDoctor(em, doctorId);
            WorkingHoursEntity h = new WorkingHoursEntity();
            h.setId(id);
            h.setDoctorId(doctorId);
            List<BreakEntity> breaks = apply(em, h, in);
            em.persist(h);
            breaks.forEach(em::persist);
            return view(h, breaks);
        });
        return changed(doctorId, saved);
    }

    public Change updateHours(String doctorId, String hoursId, WorkingHours in) {
        WorkingHours saved = changeSchedule(doctorId, "working hours " + hoursId + " changed", em -> {
            requireDoctor(em, doctorId);
            WorkingHoursEntity h = requireHours(em, doctorId, hoursId);
            List<BreakEntity> breaks = apply(em, h, in);
            em.createQuery("DELETE FROM BreakEntity b WHERE b.hoursId = :h").setParameter("h", hoursId).executeUpdate();
            breaks.forEach(em::persist);
            return view(h, breaks);
        });
        return changed(doctorId, saved);
    }

    public Change deleteHours(String doctorId, String hoursId) {
        changeSchedule(doctorId, "working hours " + hoursId + " removed", em -> {
            requireDoctor(em, doctorId);
            WorkingHoursEntity h = requireHours(em, doctorId, hoursId);
            em.createQuery("DELETE FROM BreakEntity b WHERE b.hoursId = :h").setParameter("h", hoursId).executeUpdate();
            em.remove(h);
            return null;
        });
        return changed(doctorId, null);
    }

    public Change addLeave(String doctorId, ScheduleDtos.Leave in) {
        if (in == null) {
            throw ProblemException.validation("A leave body is required");
        }
        LocalDate from = Times.day(in.from, "from", true);
        LocalDate to = Times.day(in.to, "to", true);
        if (to.isBefore(from)) {
            throw ProblemException.validation("to must not be before from");
        }
        LeaveEntity l = new LeaveEntity();
        l.setId(UUID.randomUUID().toString());
        l.setDoctorId(doctorId);
        l.setFromDay(from.toString());
        l.setToDay(to.toString());
        l.setReason(Inputs.optional(in.reason, "reason", 200));
        changeSchedule(doctorId, "leave " + from + ".." + to + " added", em -> {
            requireDoctor(em, doctorId);
            em.persist(l);
            return null;
        });
        return changed(doctorId, view(l));
    }

    public Change deleteLeave(String doctorId, String leaveId) {
        changeSchedule(doctorId, "leave " + leaveId + " removed", em -> {
            requireDoctor(em, doctorId);
            LeaveEntity l = em.find(LeaveEntity.class, leaveId);
            if (l == null || !l.getDoctorId().equals(doctorId)) {
                throw ProblemException.notFound("Leave", leaveId);
            }
            em.remove(l);
            return null;
        });
        return changed(doctorId, null);
    }

    public Change addException(String doctorId, ScheduleDtos.DayException in) {
        if (in == null) {
            throw ProblemException.validation("An exception body is required");
        }
        LocalDate day = Times.day(in.day, "day", true);
        String kind = in.kind == null ? "" : in.kind.strip().toUpperCase();
        ExceptionEntity e = new ExceptionEntity();
        e.setId(UUID.randomUUID().toString());
        e.setDoctorId(doctorId);
        e.setDay(day.toString());
        e.setKind(kind);
        e.setReason(Inputs.optional(in.reason, "reason", 200));
        boolean hasTimes = in.start != null || in.end != null;
        if (Snapshot.DayException.OPEN.equals(kind)) {
            e.setLocation(Inputs.required(in.location, "location", 64));
            int[] range = range(in.start, in.end, "start", "end");
            e.setStartMinute(range[0]);
            e.setEndMinute(range[1]);
        } else if (Snapshot.DayException.CLOSED.equals(kind)) {
            if (hasTimes) {
                int[] range = range(in.start, in.end, "start", "end");
                e.setStartMinute(range[0]);
                e.setEndMinute(range[1]);
            }
            e.setLocation(Inputs.optional(in.location, "location", 64));
        } else {
            throw ProblemException.validation("kind must be CLOSED or OPEN");
        }
        changeSchedule(doctorId, kind + " exception on " + day + " added", em -> {
            requireDoctor(em, doctorId);
            ExceptionRows.insert(em, e);
            return null;
        });
        return changed(doctorId, view(e));
    }

    public Change deleteException(String doctorId, String exceptionId) {
        changeSchedule(doctorId, "exception " + exceptionId + " removed", em -> {
            requireDoctor(em, doctorId);
            if (!ExceptionRows.delete(em, doctorId, exceptionId)) {
                throw ProblemException.notFound("Exception", exceptionId);
            }
            return null;
        });
        return changed(doctorId, null);
    }

    /**
     * The doctor's BOOKED and CHECKED_IN appointments not yet over whose time the schedule does not cover: outside
     * the hours of their day, in a break, on leave or closed, or in hours not for their service.
     */
    public List<Conflict> conflicts(String doctorId) {
        long now = slots.nowMs();
        List<AppointmentEntity> appointments = jpa.call(em -> {
            requireDoctor(em, doctorId);
            return em.createQuery("SELECT a FROM AppointmentEntity a WHERE a.doctorId = :d"
                    + " AND a.status IN ('BOOKED', 'CHECKED_IN') AND a.endsMs > :now ORDER BY a.startsMs, a.id",
                    AppointmentEntity.class).setParameter("d", doctorId).setParameter("now", now).getResultList();
        });
        DoctorSchedule schedule = snapshots.current().schedule(doctorId);
        ZoneId zone = slots.zone();
        List<Conflict> conflicts = new ArrayList<>();
        for (AppointmentEntity a : appointments) {
            if (!covered(schedule, zone, a.getServiceCode(), a.getStartsMs(), a.getEndsMs())) {
                Conflict c = new Conflict();
                c.appointmentId = a.getId();
                c.status = a.getStatus();
                c.serviceCode = a.getServiceCode();
                c.location = a.getLocation();
                c.start = Times.instant(a.getStartsMs());
                c.end = Times.instant(a.getEndsMs());
                c.localStart = Times.local(a.getStartsMs(), zone);
                conflicts.add(c);
            }
        }
        return conflicts;
    }

    /** Whether [startsMs, endsMs) lies inside one window of its day, for the service, touching no cut. */
    static boolean covered(DoctorSchedule schedule, ZoneId zone, String serviceCode, long startsMs, long endsMs) {
        ZonedDateTime at = Instant.ofEpochMilli(startsMs).atZone(zone);
        ZonedDateTime until = Instant.ofEpochMilli(endsMs).atZone(zone);
        int start = at.getHour() * 60 + at.getMinute();
        int end = until.toLocalDate().equals(at.toLocalDate()) ? until.getHour() * 60 + until.getMinute()
                : until.toLocalDate().equals(at.toLocalDate().plusDays(1)) && until.getHour() == 0
                        && until.getMinute() == 0 ? 24 * 60 : Integer.MAX_VALUE;
        for (DaySlots.Window w : DaySlots.windows(schedule, at.toLocalDate())) {
            if (w.sees(serviceCode) && w.start() <= start && end <= w.end()
                    && w.cuts().stream().noneMatch(c -> c.overlaps(start, end))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a change of the doctor's schedule in a transaction that commits with its audit record. */
    private <R> R changeSchedule(String doctorId, String what, Function<EntityManager, R> work) {
        return jpa.callAudited(audit, em -> Done.of(work.apply(em),
                AuditEvent.of("UPDATE", "schedule").resourceId(doctorId).detail(what).build()));
    }

    private Change changed(String doctorId, Object change) {
        snapshots.changed();
        return new Change(change, conflicts(doctorId));
    }

    /** Validates {@code in} onto {@code h} (same doctor, no overlap with the doctor's other hours) and its breaks. */
    private List<BreakEntity> apply(EntityManager em, WorkingHoursEntity h, WorkingHours in) {
        if (in == null) {
            throw ProblemException.validation("A working-hours body is required");
        }
        if (in.weekday == null || in.weekday < 1 || in.weekday > 7) {
            throw ProblemException.validation("weekday must be 1 (Monday) to 7 (Sunday)");
        }
        int[] range = range(in.start, in.end, "start", "end");
        LocalDate validFrom = Times.day(in.validFrom, "validFrom", false);
        LocalDate validTo = Times.day(in.validTo, "validTo", false);
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            throw ProblemException.validation("validTo must not be before validFrom");
        }
        String location = Inputs.required(in.location, "location", 64);
        List<String> services = in.services == null ? List.of()
                : in.services.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
        for (String code : services) {
            if (em.find(DoctorServiceEntity.class, new DoctorServiceEntity.Key(h.getDoctorId(), code)) == null) {
                throw ProblemException.validation("The doctor does not offer service " + code);
            }
        }
        String joined = String.join(",", services);
        if (joined.length() > 400) {
            throw ProblemException.validation("services: too many");
        }
        List<BreakEntity> breaks = new ArrayList<>();
        List<TimeRange> given = in.breaks == null ? List.of() : in.breaks;
        for (TimeRange b : given) {
            if (b == null) {
                throw ProblemException.validation("a break needs start and end");
            }
            int[] br = range(b.start, b.end, "break start", "break end");
            if (br[0] < range[0] || br[1] > range[1]) {
                throw ProblemException.validation("The break " + b.start + "-" + b.end + " lies outside the working hours "
                        + in.start + "-" + in.end);
            }
            for (BreakEntity other : breaks) {
                if (br[0] < other.getEndMinute() && other.getStartMinute() < br[1]) {
                    throw ProblemException.validation("The breaks " + b.start + "-" + b.end + " and "
                            + DaySlots.hhmm(other.getStartMinute()) + "-" + DaySlots.hhmm(other.getEndMinute())
                            + " overlap");
                }
            }
            BreakEntity e = new BreakEntity();
            e.setId(UUID.randomUUID().toString());
            e.setHoursId(h.getId());
            e.setStartMinute(br[0]);
            e.setEndMinute(br[1]);
            breaks.add(e);
        }
        List<WorkingHoursEntity> sameDay = em.createQuery("SELECT h FROM WorkingHoursEntity h WHERE h.doctorId = :d"
                + " AND h.weekday = :w AND h.id <> :id", WorkingHoursEntity.class).setParameter("d", h.getDoctorId())
                .setParameter("w", in.weekday).setParameter("id", h.getId()).getResultList();
        for (WorkingHoursEntity other : sameDay) {
            boolean timesOverlap = range[0] < other.getEndMinute() && other.getStartMinute() < range[1];
            if (timesOverlap && validityOverlaps(validFrom, validTo, other)) {
                throw ProblemException.validation("These hours overlap the doctor's hours "
                        + DaySlots.hhmm(other.getStartMinute()) + "-" + DaySlots.hhmm(other.getEndMinute()) + " at "
                        + other.getLocation() + " on weekday " + other.getWeekday() + " (" + other.getId() + ")");
            }
        }
        h.setLocation(location);
        h.setWeekday(in.weekday);
        h.setStartMinute(range[0]);
        h.setEndMinute(range[1]);
        h.setValidFrom(validFrom == null ? null : validFrom.toString());
        h.setValidTo(validTo == null ? null : validTo.toString());
        h.setServices(joined.isEmpty() ? null : joined);
        return breaks;
    }

    private static boolean validityOverlaps(LocalDate from, LocalDate to, WorkingHoursEntity other) {
        LocalDate otherFrom = other.getValidFrom() == null ? null : LocalDate.parse(other.getValidFrom());
        LocalDate otherTo = other.getValidTo() == null ? null : LocalDate.parse(other.getValidTo());
        boolean startsBeforeOtherEnds = from == null || otherTo == null || !from.isAfter(otherTo);
        boolean otherStartsBeforeEnd = otherFrom == null || to == null || !otherFrom.isAfter(to);
        return startsBeforeOtherEnds && otherStartsBeforeEnd;
    }

    /** Two "HH:mm" times on 5-minute boundaries, end after start, end at most 24:00: minutes after midnight. */
    static int[] range(String start, String end, String startField, String endField) {
        int s = minute(start, startField);
        int e = minute(end, endField);
        if (e <= s) {
            throw ProblemException.validation(endField + " (" + end + ") must be after " + startField + " (" + start + ")");
        }
        return new int[] {s, e};
    }

    static int minute(String text, String field) {
        Matcher m = text == null ? null : HH_MM.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw ProblemException.validation(field + " must be a time of day such as 09:00");
        }
        int minute = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        if (Integer.parseInt(m.group(2)) > 59 || minute > 24 * 60) {
            throw ProblemException.validation(field + " must be between 00:00 and 24:00; was " + text.strip());
        }
        if (minute % 5 != 0) {
            throw ProblemException.validation(field + " must be on a 5-minute boundary (e.g. 09:05); was " + text.strip());
        }
        return minute;
    }

    private static DoctorEntity requireDoctor(EntityManager em, String doctorId) {
        DoctorEntity d = doctorId == null ? null : em.find(DoctorEntity.class, doctorId);
        if (d == null) {
            throw ProblemException.notFound("Doctor", doctorId);
        }
        return d;
    }

    private static WorkingHoursEntity requireHours(EntityManager em, String doctorId, String hoursId) {
        WorkingHoursEntity h = hoursId == null ? null : em.find(WorkingHoursEntity.class, hoursId);
        if (h == null || !h.getDoctorId().equals(doctorId)) {
            throw ProblemException.notFound("Working hours", hoursId);
        }
        return h;
    }

    private static List<BreakEntity> breaks(EntityManager em, String hoursId) {
        return em.createQuery("SELECT b FROM BreakEntity b WHERE b.hoursId = :h ORDER BY b.startMinute",
                BreakEntity.class).setParameter("h", hoursId).getResultList();
    }

    static WorkingHours view(WorkingHoursEntity h, List<BreakEntity> breaks) {
        WorkingHours v = new WorkingHours();
        v.id = h.getId();
        v.location = h.getLocation();
        v.weekday = h.getWeekday();
        v.start = DaySlots.hhmm(h.getStartMinute());
        v.end = DaySlots.hhmm(h.getEndMinute());
        v.validFrom = h.getValidFrom();
        v.validTo = h.getValidTo();
        v.services = ScheduleSnapshots.splitList(h.getServices());
        for (BreakEntity b : breaks) {
            v.breaks.add(new TimeRange(DaySlots.hhmm(b.getStartMinute()), DaySlots.hhmm(b.getEndMinute())));
        }
        return v;
    }

    static ScheduleDtos.Leave view(LeaveEntity l) {
        ScheduleDtos.Leave v = new ScheduleDtos.Leave();
        v.id = l.getId();
        v.from = l.getFromDay();
        v.to = l.getToDay();
        v.reason = l.getReason();
        return v;
    }

    static ScheduleDtos.DayException view(ExceptionEntity e) {
        ScheduleDtos.DayException v = new ScheduleDtos.DayException();
        v.id = e.getId();
        v.day = e.getDay();
        v.kind = e.getKind();
        v.start = e.getStartMinute() == null ? null : DaySlots.hhmm(e.getStartMinute());
        v.end = e.getEndMinute() == null ? null : DaySlots.hhmm(e.getEndMinute());
        v.location = e.getLocation();
        v.reason = e.getReason();
        return v;
    }
}
