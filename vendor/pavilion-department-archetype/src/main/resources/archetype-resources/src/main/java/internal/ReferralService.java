package ${package}.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.schema.SchemaChangelog;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.EventPublisher;
import ${package}.api.ReferralOpened;

/**
 * The department's business logic, shared by its REST and SOAP faces: validate, store, publish the event in the same
 * transaction, audit. It also keeps the names of the patients the EMR registers (its PatientRegistered subscription).
 */
@SchemaChangelog(ReferralService.CHANGELOG)
@Component(service = ReferralService.class)
public class ReferralService {

    /**
     * The department's Liquibase change log. {@code @SchemaChangelog} names it in the manifest (header
     * Pavilion-Changelog): the platform runs it before any component of this bundle starts, on every start.
     */
    static final String CHANGELOG = "db/${departmentName}-changelog.xml";

    // Tolerate fields a newer EMR adds to its payload.
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final DeclaredConstraints constraints;

    @Activate
    public ReferralService(@Reference DeclaredConstraints constraints,
            @Reference(target = "(osgi.unit.name=pavilion-${departmentName})") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events) {
        this(emf, audit, events, constraints);
    }

    ReferralService(EntityManagerFactory emf, AuditService audit, EventPublisher events,
            DeclaredConstraints constraints) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.constraints = constraints;
    }

    public Referral open(NewReferral in) {
        // Every rule NewReferral declares, all broken ones in one 400 problem+json (SOAP: one fault).
        constraints.check(in);
        ReferralEntity e = new ReferralEntity();
        e.setId(UUID.randomUUID().toString());
        e.setPatientId(in.patientId.trim());
        e.setReason(in.reason.trim());
        e.setReferredBy(in.referredBy.trim());
        e.setOpenedMs(System.currentTimeMillis());
        e.setRecordedBy(CallerContext.current().map(c -> c.username()).orElse("system"));
        // The referral, its event and its audit record commit together, or none of them does.
        jpa.runAudited(audit, AuditEvent.of("CREATE", "referral").resourceId(e.getId()).patientId(e.getPatientId())
                .build(), em -> {
                    em.persist(e);
                    events.publish(em, ReferralOpened.TYPE, "patient:" + e.getPatientId(), payload(e));
                });
        return jpa.call(em -> Referral.of(e, nameOf(em, e.getPatientId())));
    }

    public Referral get(String id) {
        Referral r = jpa.call(em -> {
            ReferralEntity e = em.find(ReferralEntity.class, id);
            return e == null ? null : Referral.of(e, nameOf(em, e.getPatientId()));
        });
        if (r == null) {
            throw ProblemException.notFound("Referral", id);
        }
        audit.record(AuditEvent.of("READ", "referral").resourceId(id).patientId(r.patientId).build());
        return r;
    }

    /** A page of the referrals, newest first; of one patient when {@code patientId} is given. */
    public Page<Referral> list(String patientId, int page, int size) {
        Page.validate(page, size);
        String mrn = patientId == null || patientId.isBlank() ? null : patientId.trim();
        Page<Referral> result = jpa.call(em -> {
            String where = mrn == null ? "" : " WHERE r.patientId = :p";
            var count = em.createQuery("SELECT COUNT(r) FROM ReferralEntity r" + where, Long.class);
            var rows = em.createQuery("SELECT r FROM ReferralEntity r" + where + " ORDER BY r.openedMs DESC, r.id",
                    ReferralEntity.class);
            if (mrn != null) {
                count.setParameter("p", mrn);
                rows.setParameter("p", mrn);
            }
            List<Referral> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(e -> Referral.of(e, nameOf(em, e.getPatientId()))).collect(Collectors.toList());
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        audit.record(AuditEvent.of("SEARCH", "referral").patientId(mrn)
                .detail(result.getItems().size() + " of " + result.getTotal()).build());
        return result;
    }

    /**
     * The EMR registered a patient (its PatientRegistered event, read as JSON so the department needs no EMR class).
     * Delivered at least once: a redelivery, or a second event for the same MRN, changes nothing.
     *
     * @return true when the patient was new to the department
     */
    public boolean patientRegistered(String eventId, String payloadJson) throws Exception {
        JsonNode p = JSON.readTree(payloadJson);
        String mrn = p.path("mrn").asText("");
        if (p.path("redacted").asBoolean(false) || mrn.isEmpty()) {
            return false; // erased (GDPR) before the department heard of it: nothing of theirs to keep
        }
        String name = (p.path("givenName").asText("") + " " + p.path("familyName").asText("")).trim();
        return jpa.call(em -> {
            if (em.find(KnownPatientEntity.class, mrn) != null) {
                return false;
            }
            KnownPatientEntity k = new KnownPatientEntity();
            k.setMrn(mrn);
            k.setDisplayName(name.isEmpty() ? mrn : name);
            k.setEventId(eventId);
            em.persist(k);
            return true;
        });
    }

    private static String nameOf(EntityManager em, String mrn) {
        KnownPatientEntity k = em.find(KnownPatientEntity.class, mrn);
        return k == null ? null : k.getDisplayName();
    }

    private static ReferralOpened payload(ReferralEntity e) {
        ReferralOpened p = new ReferralOpened();
        p.referralId = e.getId();
        p.patientId = e.getPatientId();
        p.reason = e.getReason();
        p.referredBy = e.getReferredBy();
        p.openedAt = Instant.ofEpochMilli(e.getOpenedMs()).toString();
        return p;
    }
}
