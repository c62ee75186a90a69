package org.pavilion.example.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.schema.SchemaChangelog;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.example.api.VisitorCheckedIn;

/**
 * The department's business logic, shared by its REST and SOAP faces: validate, store, publish the event
 * in the same transaction, audit. The platform runs the change log named here before any component of the bundle
 * starts.
 */
@SchemaChangelog(VisitService.CHANGELOG)
@Component(service = VisitService.class)
public class VisitService {

    /** The department's Liquibase change log inside the bundle (manifest header Pavilion-Changelog). */
    static final String CHANGELOG = "db/example-changelog.xml";

    private static final String UNIQUE_VIOLATION = "23505";

    /** The privileges the REST and SOAP faces open the visitor log with. */
    static final String REST_VIEW = "example.visit.view";
    static final String SOAP_VIEW = "example.visitor-log.view";

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final PatientGate withoutEmr;
    private final DeclaredConstraints constraints;

    /** The EMR's answer while it is installed (EmrPatientGate); the module works without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientGate gate;

    @Activate
    public VisitService(@Reference DeclaredConstraints constraints,
            @Reference(target = "(osgi.unit.name=pavilion-example)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events) {
        this(emf, audit, events, null, constraints);
    }

    VisitService(EntityManagerFactory emf, AuditService audit, EventPublisher events, PatientGate gate,
            DeclaredConstraints constraints) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
        this.constraints = constraints;
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    public Visit checkIn(CheckIn in) {
        // Every field CheckIn declares a rule for, all broken ones in one 400 (SOAP: one fault).
        constraints.check(in);
        VisitEntity e = new VisitEntity();
        e.setId(UUID.randomUUID().toString());
        e.setBadge(in.badge.trim());
        e.setVisitorName(in.visitorName.trim());
        e.setPatientId(in.patientId.trim());
        e.setWard(in.ward.trim());
        e.setCheckedInMs(System.currentTimeMillis());
        e.setRecordedBy(CallerContext.current().map(c -> c.username()).orElse("system"));
        try {
            // The visit, its event and its audit record commit together.
            jpa.runAudited(audit, AuditEvent.of("CREATE", "visit").resourceId(e.getId()).patientId(e.getPatientId())
                    .build(), em -> {
                em.persist(e);
                events.publish(em, VisitorCheckedIn.TYPE, payload(e));
            });
        } catch (PersistenceException ex) {
            if (isUniqueViolation(ex)) {
                audit.record(AuditEvent.of("CREATE", "visit").patientId(e.getPatientId()).outcome(AuditOutcome.FAILED)
                        .detail("badge " + e.getBadge() + " already in use").build());
                throw ProblemException.conflict("Badge " + e.getBadge() + " is already checked in");
            }
            throw ex;
        }
        return Visit.of(e);
    }

    /** One visit, if the caller may see its patient's visits ({@code viewPrivilege}: the face's, REST or SOAP). */
    public Visit get(String id, String viewPrivilege) {
        VisitEntity e = jpa.call(em -> em.find(VisitEntity.class, id));
        if (e == null) {
            throw ProblemException.notFound("Visit", id);
        }
        PatientGate.Allowed allowed = gate().read(e.getPatientId(), viewPrivilege, "READ");
        audit.record(allowed.audit().resourceId(id).build());
        return Visit.of(e);
    }

    /**
     * A page of the log, of one patient (a merged duplicate's MRN lists the survivor's) if the caller may see them,
     * or of everyone for staff: a patient's own account must name its record.
     */
    public Page<Visit> list(String requestedPatientId, int page, int size) {
        Page.validate(page, size);
        boolean onePatient = requestedPatientId != null && !requestedPatientId.isBlank();
        if (!onePatient && CallerContext.current().flatMap(c -> c.patientId()).isPresent()) {
            String reason = "a patient account lists the visits of its own record only: give patientId";
            audit.record(AuditEvent.of("SEARCH", "visit").outcome(AuditOutcome.DENIED).detail(reason).build());
            throw ProblemException.forbidden(reason);
        }
        PatientGate.Allowed allowed = onePatient ? gate().read(requestedPatientId.trim(), REST_VIEW, "SEARCH") : null;
        String patientId = allowed == null ? null : allowed.mrn();
        Page<Visit> result = jpa.call(em -> {
            String where = patientId == null || patientId.isBlank() ? "" : " WHERE v.patientId = :p";
            var count = em.createQuery("SELECT COUNT(v) FROM VisitEntity v" + where, Long.class);
            var rows = em.createQuery("SELECT v FROM VisitEntity v" + where + " ORDER BY v.checkedInMs DESC, v.id",
                    VisitEntity.class);
            if (!where.isEmpty()) {
                count.setParameter("p", patientId);
                rows.setParameter("p", patientId);
            }
            List<Visit> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(Visit::of).collect(Collectors.toList());
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        audit.record((allowed == null ? AuditEvent.of("SEARCH", "visit") : allowed.audit())
                .detail(result.getItems().size() + " of " + result.getTotal()).build());
        return result;
    }

    private static VisitorCheckedIn payload(VisitEntity e) {
        VisitorCheckedIn p = new VisitorCheckedIn();
        p.visitId = e.getId();
        p.badge = e.getBadge();
        p.visitorName = e.getVisitorName();
        p.patientId = e.getPatientId();
        p.ward = e.getWard();
        p.checkedInAt = Instant.ofEpochMilli(e.getCheckedInMs()).toString();
        return p;
    }

    /** SQL state 23505 is "unique violation" on H2 and PostgreSQL alike; OpenJPA keeps the SQLException as cause. */
    private static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException && UNIQUE_VIOLATION.equals(((SQLException) c).getSQLState())) {
                return true;
            }
        }
        return false;
    }

}
