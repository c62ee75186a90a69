package org.pavilion.emr.internal.portal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientService;

/**
 * Patients' requests to erase their personal data. A patient files one (one open at a time) from the portal; an
 * administrator with {@code emr.privacy.erase} lists the open ones, carries the erasure out with
 * {@code POST /emr/privacy/{mrn}/erasure} (the request's id as its reason) and closes the request as DONE, or
 * DECLINED with a note. Every step is audited against the patient.
 */
@Component(service = ErasureRequests.class)
public class ErasureRequests {

    static final String RESOURCE = "erasure-request";
    static final String OPEN = "OPEN";
    static final Set<String> CLOSED = Set.of("DONE", "DECLINED");
    static final String ALREADY_OPEN = "erasure-request-open";
    private static final int MAX_NOTE = 500;

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public ErasureRequests(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    /** Files the signed-in patient's request; 409 while one is open. */
    public ErasureRequest request(String note) {
        String accountMrn = OwnPatient.accountMrn();
        String text = note(note);
        String actor = PatientService.actor();
        long now = System.currentTimeMillis();
        ErasureRequest created;
        try {
            created = jpa.callAudited(audit, em -> {
                PatientEntity p = OwnPatient.find(em, accountMrn);
                if (!openOf(em, p.getMrn()).isEmpty()) {
                    throw alreadyOpen();
                }
                ErasureRequestEntity e = new ErasureRequestEntity();
                e.setId(UUID.randomUUID().toString());
                e.setSubjectMrn(p.getMrn());
                e.setOpenMrn(p.getMrn());
                e.setStatus(OPEN);
                e.setNote(text);
                e.setRequestedMs(now);
                e.setRequestedBy(actor);
                em.persist(e);
                return ErasureRequest.of(e);
            }, r -> AuditEvent.of("CREATE", RESOURCE).resourceId(r.id).patientId(r.mrn)
                    .detail("erasure requested by the patient").build());
        } catch (PersistenceException raced) {
            // Two requests at once: the unique open_mrn lets one commit; the other is told one is open.
            throw alreadyOpen();
        }
        return created;
    }

    /** The signed-in patient's latest request, or null when they never filed one. */
    public ErasureRequest own() {
        String accountMrn = OwnPatient.accountMrn();
        ErasureRequest latest = jpa.call(em -> {
            PatientEntity p = OwnPatient.find(em, accountMrn);
            List<ErasureRequestEntity> rows = em.createQuery("SELECT r FROM ErasureRequestEntity r WHERE "
                    + "r.subjectMrn = :mrn ORDER BY r.requestedMs DESC, r.id", ErasureRequestEntity.class)
                    .setParameter("mrn", p.getMrn()).setMaxResults(1).getResultList();
            return rows.isEmpty() ? null : ErasureRequest.of(rows.get(0));
        });
        if (latest != null) {
            audit.record(AuditEvent.of("READ", RESOURCE).resourceId(latest.id).patientId(latest.mrn).build());
        }
        return latest;
    }

    /** Requests for administrators, oldest first; {@code status} OPEN (the default), DONE, DECLINED or ALL. */
    public Page<ErasureRequest> list(String status, int page, int size) {
        Page.validate(page, size);
        String s = status == null || status.isBlank() ? OPEN : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (!s.equals("ALL") && !s.equals(OPEN) && !CLOSED.contains(s)) {
            throw ProblemException.validation("status must be OPEN, DONE, DECLINED or ALL");
        }
        String where = s.equals("ALL") ? "" : " WHERE r.status = :status";
        Page<ErasureRequest> found = jpa.call(em -> {
            var q = em.createQuery("SELECT r FROM ErasureRequestEntity r" + where + " ORDER BY r.requestedMs, r.id",
                    ErasureRequestEntity.class).setFirstResult(page * size).setMaxResults(size);
            var count = em.createQuery("SELECT COUNT(r) FROM ErasureRequestEntity r" + where, Long.class);
            if (!where.isEmpty()) {
                q.setParameter("status", s);
                count.setParameter("status", s);
            }
            return Page.of(q.getResultList().stream().map(ErasureRequest::of).toList(), page, size,
                    () -> count.getSingleResult());
        });
        // Listing names patients (by MRN): each one shown is an access to their data.
        found.getItems().forEach(r -> audit.record(AuditEvent.of("READ", RESOURCE).resourceId(r.id)
                .patientId(r.mrn).build()));
        return found;
    }

    /** Closes an open request as DONE (the erasure was carried out) or DECLINED (the note says why). */
    public ErasureRequest close(String id, String outcome, String note) {
        String o = outcome == null ? "" : outcome.strip().toUpperCase(java.util.Locale.ROOT);
        if (!CLOSED.contains(o)) {
            throw ProblemException.validation("outcome must be DONE or DECLINED");
        }
        String text = note(note);
        if (o.equals("DECLINED") && text == null) {
            throw ProblemException.validation("note is required when declining: the patient is told why");
        }
        String actor = PatientService.actor();
        long now = System.currentTimeMillis();
        return jpa.callAudited(audit, em -> {
            ErasureRequestEntity e = em.find(ErasureRequestEntity.class, id);
            if (e == null) {
                throw ProblemException.notFound("Erasure request", id);
            }
            if (!OPEN.equals(e.getStatus())) {
                throw ProblemException.conflict("Erasure request " + id + " is already " + e.getStatus());
            }
            e.setStatus(o);
            e.setOpenMrn(null);
            e.setClosedMs(now);
            e.setClosedBy(actor);
            e.setClosingNote(text);
            return ErasureRequest.of(e);
        }, closed -> AuditEvent.of("UPDATE", RESOURCE).resourceId(id).patientId(closed.mrn)
                .detail("closed as " + o).build());
    }

    private static List<ErasureRequestEntity> openOf(javax.persistence.EntityManager em, String mrn) {
        return em.createQuery("SELECT r FROM ErasureRequestEntity r WHERE r.openMrn = :mrn",
                ErasureRequestEntity.class).setParameter("mrn", mrn).getResultList();
    }

    private static String note(String note) {
        String n = note == null ? null : note.strip();
        if (n != null && n.length() > MAX_NOTE) {
            throw ProblemException.validation("note must be at most " + MAX_NOTE + " characters");
        }
        return n == null || n.isEmpty() ? null : n;
    }

    private static ProblemException alreadyOpen() {
        return new ProblemException(409, ALREADY_OPEN, "Erasure already requested",
                "You already have an open erasure request; an administrator will handle it.");
    }
}
