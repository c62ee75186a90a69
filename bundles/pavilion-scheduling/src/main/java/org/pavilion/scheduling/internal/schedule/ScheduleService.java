package org.pavilion.scheduling.internal.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.FitsColumn;
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
 * for staff to reschedule. A body's own rules are the ones {@link ScheduleDtos} declares, checked first (every broken
 * field in one 400, before the doctor is looked up); what needs the database is checked here after.
 */
@Component(service = ScheduleService.class)
public class ScheduleService {

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final ScheduleSnapshots snapshots;
    private final SlotEngine slots;
    private final DeclaredConstraints constraints;

    @Activate
    public ScheduleService(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference ScheduleSnapshots snapshots, @Reference SlotEngine slots,
            @Reference DeclaredConstraints constraints) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.snapshots = snapshots;
        this.slots = slots;
        this.constraints = constraints;
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
        constraints.check(in);
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
        constraints.check(in);
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
        constraints.check(in);
        LocalDate from = IsoDay.Check.day(in.from);
        LocalDate to = IsoDay.Check.day(in.to);
        LeaveEntity l = new LeaveEntity();
        l.setId(UUID.randomUUID().toString());
        l.setDoctorId(doctorId);
        l.setFromDay(from.toString());
        l.setToDay(to.toString());
        l.setReason(Inputs.blankToNull(in.reason));
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
        constraints.check(in);
        LocalDate day = IsoDay.Check.day(in.day);
        String kind = in.kind.strip().toUpperCase(Locale.ROOT);
        ExceptionEntity e = new ExceptionEntity();
        e.setId(UUID.randomUUID().toString());
        e.setDoctorId(doctorId);
        e.setDay(day.toString());
        e.setKind(kind);
        e.setReason(Inputs.blankToNull(in.reason));
        e.setLocation(Inputs.blankToNull(in.location));
        // Both or neither (ExceptionHours): a CLOSED exception without them closes the whole day.
        e.setStartMinute(TimeOfDay.Check.minutes(in.start));
        e.setEndMinute(TimeOfDay.Check.minutes(in.end));
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

    /**
     * Puts {@code in}, whose declared rules held (times, days, breaks within the hours), onto {@code h} with its
     * breaks, once the doctor offers its services and its times overlap none of the doctor's other hours.
     */
    private List<BreakEntity> apply(EntityManager em, WorkingHoursEntity h, WorkingHours in) {
        int start = TimeOfDay.Check.minutes(in.start);
        int end = TimeOfDay.Check.minutes(in.end);
        LocalDate validFrom = IsoDay.Check.day(in.validFrom);
        LocalDate validTo = IsoDay.Check.day(in.validTo);
        String joined = FitsColumn.Stored.COMMAS.of(in.services);
        for (String code : ScheduleSnapshots.splitList(joined)) {
            if (em.find(DoctorServiceEntity.class, new DoctorServiceEntity.Key(h.getDoctorId(), code)) == null) {
                throw ProblemException.validation("The doctor does not offer service " + code);
            }
        }
        List<BreakEntity> breaks = new ArrayList<>();
        for (TimeRange b : in.breaks == null ? List.<TimeRange>of() : in.breaks) {
            BreakEntity e = new BreakEntity();
            e.setId(UUID.randomUUID().toString());
            e.setHoursId(h.getId());
            e.setStartMinute(TimeOfDay.Check.minutes(b.start));
            e.setEndMinute(TimeOfDay.Check.minutes(b.end));
            breaks.add(e);
        }
        List<WorkingHoursEntity> sameDay = em.createQuery("SELECT h FROM WorkingHoursEntity h WHERE h.doctorId = :d"
                + " AND h.weekday = :w AND h.id <> :id", WorkingHoursEntity.class).setParameter("d", h.getDoctorId())
                .setParameter("w", in.weekday).setParameter("id", h.getId()).getResultList();
        for (WorkingHoursEntity other : sameDay) {
            boolean timesOverlap = start < other.getEndMinute() && other.getStartMinute() < end;
            if (timesOverlap && validityOverlaps(validFrom, validTo, other)) {
                throw ProblemException.validation("These hours overlap the doctor's hours "
                        + DaySlots.hhmm(other.getStartMinute()) + "-" + DaySlots.hhmm(other.getEndMinute()) + " at "
                        + other.getLocation() + " on weekday " + other.getWeekday() + " (" + other.getId() + ")");
            }
        }
        h.setLocation(in.location.strip());
        h.setWeekday(in.weekday);
        h.setStartMinute(start);
        h.setEndMinute(end);
        h.setValidFrom(validFrom == null ? null : validFrom.toString());
        h.setValidTo(validTo == null ? null : validTo.toString());
        h.setServices(joined);
        return breaks;
    }

    private static boolean validityOverlaps(LocalDate from, LocalDate to, WorkingHoursEntity other) {
        LocalDate otherFrom = other.getValidFrom() == null ? null : LocalDate.parse(other.getValidFrom());
        LocalDate otherTo = other.getValidTo() == null ? null : LocalDate.parse(other.getValidTo());
        boolean startsBeforeOtherEnds = from == null || otherTo == null || !from.isAfter(otherTo);
        boolean otherStartsBeforeEnd = otherFrom == null || to == null || !otherFrom.isAfter(to);
        return startsBeforeOtherEnds && otherStartsBeforeEnd;
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
