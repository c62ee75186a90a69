package org.pavilion.scheduling.internal.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.Inputs;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.schedule.SlotRules;

/**
 * The desk's lists of appointments, paged: a doctor's day, a patient's appointments, the day's check-in list (status
 * BOOKED,CHECKED_IN), and one appointment's history. Every patient a page shows is in the audit trail.
 */
@Component(service = AppointmentLists.class)
public class AppointmentLists {

    /** What to list; every filter may be null, {@code statuses} comma-separated. */
    public record Query(String doctorId, String patientId, LocalDate day, String statuses) {
    }

    /** One history row as REST shows it. */
    public static final class HistoryEntry {
        public String action;
        public String detail;
        public String actor;
        public String at;
    }

    private final JpaTransactions jpa;
    private final SlotRules rules;
    private final AuditService audit;
    private final PatientGate withoutEmr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public AppointmentLists(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference SlotRules rules, @Reference AuditService audit) {
        this(emf, rules, audit, null);
    }

    /** For tests, of this package and others (the SOAP service reads through it). */
    public AppointmentLists(EntityManagerFactory emf, SlotRules rules, AuditService audit, PatientGate gate) {
        this.jpa = new JpaTransactions(emf);
        this.rules = rules;
        this.audit = audit;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** A page of appointments, earliest first. A patient account lists its own only (names itself, or 403). */
    public Page<Appointment> list(Query q, int page, int size) {
        Page.validate(page, size);
        String requested = Inputs.blankToNull(q.patientId());
        if (requested == null && Gates.patientAccount()) {
            String reason = "a patient account lists its own appointments only";
            audit.record(AuditEvent.of("SEARCH", "appointment").outcome(AuditOutcome.DENIED).detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        PatientGate.Allowed allowed = requested == null ? null
                : Gates.allow(gate(), requested, Gates.VIEW, false, "SEARCH");
        List<String> statuses = statuses(q.statuses());
        Map<String, Object> params = new TreeMap<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (Inputs.blankToNull(q.doctorId()) != null) {
            where.append(" AND a.doctorId = :doctor");
            params.put("doctor", q.doctorId().strip());
        }
        if (allowed != null) {
            where.append(" AND a.patientId = :patient");
            params.put("patient", allowed.mrn());
        }
        if (q.day() != null) {
            where.append(" AND a.startsMs >= :from AND a.startsMs < :to");
            params.put("from", q.day().atStartOfDay(rules.zone()).toInstant().toEpochMilli());
            params.put("to", q.day().plusDays(1).atStartOfDay(rules.zone()).toInstant().toEpochMilli());
        }
        if (!statuses.isEmpty()) {
            where.append(" AND a.status IN :statuses");
            params.put("statuses", statuses);
        }
        Page<Appointment> result = jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AppointmentEntity a" + where, Long.class);
            TypedQuery<AppointmentEntity> rows = em.createQuery("SELECT a FROM AppointmentEntity a" + where
                    + " ORDER BY a.startsMs, a.id", AppointmentEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                rows.setParameter(k, v);
            });
            AppointmentViews views = new AppointmentViews(em, rules.zone());
            List<Appointment> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(views::dto).collect(Collectors.toList());
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        if (allowed != null) {
            audit.record(allowed.audit().detail(result.getItems().size() + " of " + result.getTotal()).build());
        } else {
            // A day list shows many patients: each one's record of having been listed.
            Set<String> patients = new LinkedHashSet<>();
            result.getItems().forEach(a -> patients.add(a.patientId));
            for (String p : patients) {
                audit.record(AuditEvent.of("SEARCH", "appointment").patientId(p).detail(describe(q)).build());
            }
        }
        return result;
    }

    /** What happened to one appointment, in order. */
    public List<HistoryEntry> history(String appointmentId) {
        AppointmentEntity e = appointmentId == null || appointmentId.isBlank() ? null
                : jpa.call(em -> em.find(AppointmentEntity.class, appointmentId.strip()));
        if (e == null) {
            throw ProblemException.notFound("Appointment", appointmentId);
        }
        PatientGate.Allowed allowed = Gates.allow(gate(), e.getPatientId(), Gates.VIEW, false, "READ");
        List<HistoryEntry> entries = jpa.call(em -> em.createQuery("SELECT h FROM AppointmentHistoryEntity h "
                + "WHERE h.appointmentId = :a ORDER BY h.atMs, h.id", AppointmentHistoryEntity.class)
                .setParameter("a", e.getId()).getResultList()).stream().map(h -> {
                    HistoryEntry entry = new HistoryEntry();
                    entry.action = h.getAction();
                    entry.detail = h.getDetail();
                    entry.actor = h.getActor();
                    entry.at = Instant.ofEpochMilli(h.getAtMs()).toString();
                    return entry;
                }).collect(Collectors.toCollection(ArrayList::new));
        audit.record(allowed.audit().resourceId(e.getId()).detail("history").build());
        return entries;
    }

    private static List<String> statuses(String text) {
        if (Inputs.blankToNull(text) == null) {
            return List.of();
        }
        List<String> statuses = Arrays.stream(text.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).distinct().collect(Collectors.toList());
        for (String s : statuses) {
            if (!Appointments.STATUSES.contains(s)) {
                throw ProblemException.validation("status is one or more of " + new java.util.TreeSet<>(
                        Appointments.STATUSES) + ", comma-separated; was '" + s + "'");
            }
        }
        return statuses;
    }

    private static String describe(Query q) {
        return "list" + (q.doctorId() == null ? "" : " doctor " + q.doctorId())
                + (q.day() == null ? "" : " day " + q.day()) + (q.statuses() == null ? "" : " status " + q.statuses());
    }

    /** For REST: a day as given, 400 otherwise. */
    static LocalDate day(String text) {
        return Times.day(text, "day", false);
    }
}
