package org.pavilion.scheduling.internal.waitlist;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import javax.validation.groups.Default;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.access.PatientGate;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.DoctorServiceEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;

/**
 * The waiting list's entries: patients put on it by the desk or themselves, taken off, listed, and expired once their
 * last acceptable day has passed. Offers of freed slots are {@link SlotOffers}'.
 */
// No @Designate: SchedulingConfig's @ObjectClassDefinition(pid = ...) designates the PID for the bundle already, and
// bnd refuses a second designation of the same PID ("Duplicate pid").
@Component(service = WaitingList.class, configurationPid = SchedulingConfig.PID)
public class WaitingList {

    /** The privilege of the desk's endpoints. */
    public static final String MANAGE = "scheduling.waiting-list.manage";

    static final String WAITING = "WAITING";
    static final String OFFERED = "OFFERED";
    static final String BOOKED = "BOOKED";
    static final String REMOVED = "REMOVED";
    static final String EXPIRED = "EXPIRED";
    private static final Set<String> STATUSES = Set.of(WAITING, OFFERED, BOOKED, REMOVED, EXPIRED);

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientGate withoutEmr;
    private final Clock clock;
    private final DeclaredConstraints constraints;
    private volatile WaitlistSettings settings;

    /** The EMR's answer while it is installed (EmrPatientGate); the list works without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientGate gate;

    @Activate
    public WaitingList(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference AuditService audit, SchedulingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, null, Clock.systemUTC(), WaitlistSettings.of(config), constraints);
    }

    WaitingList(EntityManagerFactory emf, AuditService audit, PatientGate gate, Clock clock, WaitlistSettings settings,
            DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
        this.clock = clock;
        this.settings = settings;
    }

    @Modified
    void modified(SchedulingConfig config) {
        settings = WaitlistSettings.of(config);
    }

    PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    WaitlistSettings settings() {
        return settings;
    }

    /** The desk puts a patient on the list. */
    public WaitingEntry add(WaitingRequest in) {
        constraints.check(in, Default.class, WaitingRequest.AtTheDesk.class);
        return add(in.patientId.strip(), in, MANAGE, true);
    }

    /** A patient puts themselves on the list in the portal. */
    public WaitingEntry addOwn(WaitingRequest in) {
        constraints.check(in);
        return add(ownPatientId(), in, PatientGate.OWN, false);
    }

    private WaitingEntry add(String patientId, WaitingRequest in, String privilege, boolean staffView) {
        WaitingEntity e = validate(in);
        PatientGate.Allowed allowed = gate().check(patientId, privilege, true, "CREATE");
        long now = clock.millis();
        e.setId(UUID.randomUUID().toString());
        e.setPatientId(allowed.mrn());
        e.setStatus(WAITING);
        e.setCreatedMs(now);
        e.setUpdatedMs(now);
        try {
            jpa.runAudited(audit, allowed.audit().resourceId(e.getId()).detail("waiting list " + e.getServiceCode())
                    .build(), em -> insert(em, e));
        } catch (ProblemException refused) {
            audit.record(allowed.audit().outcome(AuditOutcome.FAILED).detail(refused.getMessage()).build());
            throw refused;
        }
        return WaitingEntry.of(e, staffView);
    }

    private static void insert(EntityManager em, WaitingEntity e) {
        ServiceEntity service = em.find(ServiceEntity.class, e.getServiceCode());
        if (service == null || !service.isActive()) {
            throw ProblemException.validation("serviceCode " + e.getServiceCode() + " is no bookable service");
        }
        if (!service.getVisitTypes().contains(e.getVisitType())) {
            throw ProblemException.validation("the service offers " + service.getVisitTypes() + " visits only");
        }
        if (e.getDoctorId() != null) {
            DoctorEntity doctor = em.find(DoctorEntity.class, e.getDoctorId());
            if (doctor == null || !doctor.isActive()) {
                throw ProblemException.notFound("Doctor", e.getDoctorId());
            }
            if (em.find(DoctorServiceEntity.class, new DoctorServiceEntity.Key(e.getDoctorId(),
                    e.getServiceCode())) == null) {
                throw ProblemException.validation("the doctor does not offer " + e.getServiceCode());
            }
        }
        // One place per patient, service and doctor: a second entry would only take two offers at once.
        TypedQuery<Long> twins = em.createQuery("SELECT COUNT(w) FROM WaitingEntity w WHERE w.patientId = :p"
                + " AND w.serviceCode = :s AND w.status IN ('WAITING', 'OFFERED') AND "
                + (e.getDoctorId() == null ? "w.doctorId IS NULL" : "w.doctorId = :d"), Long.class)
                .setParameter("p", e.getPatientId()).setParameter("s", e.getServiceCode());
        if (e.getDoctorId() != null) {
            twins.setParameter("d", e.getDoctorId());
        }
        if (twins.getSingleResult() > 0) {
            throw ProblemException.conflict("The patient is already waiting for this service"
                    + (e.getDoctorId() == null ? "" : " with this doctor"));
        }
        em.persist(e);
    }

    /** Takes an entry off the list (REMOVED); an entry already off it is returned unchanged. */
    public WaitingEntry remove(String id) {
        return remove(id, MANAGE, true);
    }

    /** A patient takes their own entry off the list; another patient's is 403, an unknown one 404. */
    public WaitingEntry removeOwn(String id) {
        ownPatientId(); // a /my/ endpoint is for a patient's own account only; the gate then asks whose it is
        return remove(id, PatientGate.OWN, false);
    }

    private WaitingEntry remove(String id, String privilege, boolean staffView) {
        WaitingEntity found = find(id);
        PatientGate.Allowed allowed = gate().check(found.getPatientId(), privilege, true, "UPDATE");
        WaitingEntity e = jpa.callAudited(audit, em -> {
            WaitingEntity w = em.find(WaitingEntity.class, id);
            if (w.getStatus().equals(OFFERED)) {
                // An open offer holds a slot for this entry: answered first, the slot is freed or handed on.
                throw ProblemException.conflict("A slot is offered to this entry: decline the offer first");
            }
            if (w.getStatus().equals(WAITING)) {
                w.setStatus(REMOVED);
                w.setUpdatedMs(clock.millis());
            }
            return Done.of(w, allowed.audit().resourceId(id).detail("off the waiting list").build());
        });
        return WaitingEntry.of(e, staffView);
    }

    /** The desk's view: by service, doctor, status and patient, oldest first (the order offers follow). */
    public Page<WaitingEntry> list(String serviceCode, String doctorId, String status, String patientId, int page,
            int size) {
        Page.validate(page, size);
        if (status != null && !status.isBlank() && !STATUSES.contains(status.strip())) {
            throw ProblemException.validation("status must be one of " + STATUSES);
        }
        PatientGate.Allowed allowed = patientId == null || patientId.isBlank() ? null
                : gate().check(patientId.strip(), MANAGE, false, "SEARCH");
        Page<WaitingEntry> result = query(serviceCode, doctorId, status, allowed == null ? null : allowed.mrn(),
                page, size, true);
        audit.record((allowed == null ? AuditEvent.of("SEARCH", "appointment") : allowed.audit())
                .detail("waiting list: " + result.getItems().size() + " of " + result.getTotal()).build());
        return result;
    }

    /** The caller's own entries, oldest first. */
    public List<WaitingEntry> listOwn() {
        PatientGate.Allowed allowed = gate().check(ownPatientId(), PatientGate.OWN, false, "SEARCH");
        List<WaitingEntry> items = query(null, null, null, allowed.mrn(), 0, 500, false).getItems();
        audit.record(allowed.audit().detail("own waiting list: " + items.size()).build());
        return items;
    }

    private Page<WaitingEntry> query(String serviceCode, String doctorId, String status, String patientId, int page,
            int size, boolean staffView) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (serviceCode != null && !serviceCode.isBlank()) {
            where.append(" AND w.serviceCode = :s");
        }
        if (doctorId != null && !doctorId.isBlank()) {
            where.append(" AND w.doctorId = :d");
        }
        if (status != null && !status.isBlank()) {
            where.append(" AND w.status = :st");
        }
        if (patientId != null) {
            where.append(" AND w.patientId = :p");
        }
        return jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(w) FROM WaitingEntity w" + where, Long.class);
            TypedQuery<WaitingEntity> rows = em.createQuery(
                    "SELECT w FROM WaitingEntity w" + where + " ORDER BY w.createdMs, w.id", WaitingEntity.class);
            for (TypedQuery<?> q : List.of(count, rows)) {
                if (serviceCode != null && !serviceCode.isBlank()) {
                    q.setParameter("s", serviceCode.strip());
                }
                if (doctorId != null && !doctorId.isBlank()) {
                    q.setParameter("d", doctorId.strip());
                }
                if (status != null && !status.isBlank()) {
                    q.setParameter("st", status.strip());
                }
                if (patientId != null) {
                    q.setParameter("p", patientId);
                }
            }
            List<WaitingEntry> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(w -> WaitingEntry.of(w, staffView)).collect(Collectors.toList());
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
    }

    /** Entries still waiting whose last acceptable day has passed (an OFFERED one waits for its offer's end). */
    public int expirePassed() {
        String today = LocalDate.now(clock.withZone(settings.zone())).toString();
        List<WaitingEntity> passed = jpa.callAudited(audit, em -> {
            List<WaitingEntity> rows = em.createQuery("SELECT w FROM WaitingEntity w WHERE w.status = 'WAITING'"
                    + " AND w.toDay < :today", WaitingEntity.class).setParameter("today", today).getResultList();
            List<AuditEvent> records = new ArrayList<>();
            for (WaitingEntity w : rows) {
                w.setStatus(EXPIRED);
                w.setUpdatedMs(clock.millis());
                records.add(AuditEvent.of("UPDATE", "appointment").patientId(w.getPatientId()).resourceId(w.getId())
                        .detail("waiting list entry expired after " + w.getToDay()).build());
            }
            return new Done<>(rows, records);
        });
        return passed.size();
    }

    /** The entry; 404 when there is none (whose it is, the gate decides next). */
    WaitingEntity find(String id) {
        WaitingEntity e = jpa.call(em -> em.find(WaitingEntity.class, id));
        if (e == null) {
            throw ProblemException.notFound("Waiting-list entry", id);
        }
        return e;
    }

    /** The patient record of a patient's own account; 403 for any other caller of a /my/ endpoint. */
    static String ownPatientId() {
        return CallerContext.current().flatMap(Caller::patientId).orElseThrow(
                () -> ProblemException.forbidden("only a patient's own account has a waiting list of its own"));
    }

    /** The request's days against today; its fields' declared rules passed already. */
    private WaitingEntity validate(WaitingRequest in) {
        String visitType = in.visitType == null || in.visitType.isBlank() ? "IN_PERSON" : in.visitType.strip();
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        LocalDate from = Times.day(in.from, "from", false);
        LocalDate to = Times.day(in.to, "to", true);
        from = from == null ? today : from;
        if (from.isBefore(today)) {
            throw ProblemException.validation("from must be today or later; was " + from);
        }
        if (to.isBefore(from)) {
            throw ProblemException.validation("to must not be before from (" + from + "); was " + to);
        }
        if (to.isAfter(today.plusDays(settings.maxDaysAhead()))) {
            throw ProblemException.validation("to is at most " + settings.maxDaysAhead() + " days ahead");
        }
        WaitingEntity e = new WaitingEntity();
        e.setServiceCode(in.serviceCode.strip());
        e.setDoctorId(in.doctorId == null || in.doctorId.isBlank() ? null : in.doctorId.strip());
        e.setVisitType(visitType);
        e.setFromDay(from.toString());
        e.setToDay(to.toString());
        e.setNote(in.note == null || in.note.isBlank() ? null : in.note.strip());
        return e;
    }
}
