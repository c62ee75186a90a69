package org.pavilion.lab.internal.critical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.LongSupplier;

import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
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
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.lab.internal.access.PatientGate;

/**
 * Doctors' side of critical values: the open alerts, and acknowledging one. Acknowledging is a version-checked write
 * (two doctors at once: the first wins, the other gets 409), gated by the patient ({@link PatientGate}, resource
 * {@code lab-critical}) and audited ACKNOWLEDGE with the level reached and the doctor's note.
 */
@Component(service = CriticalAlerts.class)
public class CriticalAlerts {

    /** The privilege that opens both the list and the acknowledgement. */
    static final String PRIVILEGE = "lab.critical.acknowledge";
    static final String RESOURCE = "lab-critical";
    static final int MAX_NOTE = 500;

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final LongSupplier clock;
    private final PatientGate withoutEmr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PatientGate gate;

    @Activate
    public CriticalAlerts(@Reference(target = "(osgi.unit.name=pavilion-lab)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(emf, audit, System::currentTimeMillis, null);
    }

    /** {@code gate} null: the department's own rule ({@link PatientGate#withoutEmr}). */
    CriticalAlerts(EntityManagerFactory emf, AuditService audit, LongSupplier clock, PatientGate gate) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.clock = clock;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.gate = gate;
    }

    /**
     * Open (not acknowledged) alerts, the longest waiting first; {@code mine}: only those the caller must acknowledge
     * now. One SEARCH audit record per patient shown.
     */
    public Page<CriticalAlert> open(boolean mine, int page, int size) {
        Page.validate(page, size);
        String me = CallerContext.require().username();
        String where = " FROM CriticalAlertEntity a WHERE a.acknowledgedMs IS NULL" + (mine ? " AND a.notify = :me" : "");
        Page<CriticalAlert> result = jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a)" + where, Long.class);
            TypedQuery<CriticalAlertEntity> rows = em.createQuery("SELECT a" + where + " ORDER BY a.raisedMs, a.id",
                    CriticalAlertEntity.class);
            if (mine) {
                count.setParameter("me", me);
                rows.setParameter("me", me);
            }
            List<CriticalAlertEntity> found = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
            return Page.of(CriticalAlertViews.of(em, found), page, size, () -> count.getSingleResult());
        });
        List<AuditEvent> records = new ArrayList<>();
        for (String patient : new LinkedHashSet<>(result.getItems().stream().map(a -> a.patientId).toList())) {
            records.add(AuditEvent.of("SEARCH", RESOURCE).patientId(patient)
                    .detail(mine ? "open critical alerts for " + me : "open critical alerts").build());
        }
        if (!records.isEmpty()) {
            audit.recordAll(records);
        }
        return result;
    }

    /**
     * The caller acknowledges the alert {@code id}: 404 unknown, 403 when they may not read the patient, 409 when it
     * was acknowledged already (also by a doctor a moment earlier), 400 for a note over {@value #MAX_NOTE}
     * characters.
     */
    public CriticalAlert acknowledge(String id, String note) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_NOTE) {
            throw ProblemException.validation("note is at most " + MAX_NOTE + " characters");
        }
        CriticalAlertEntity loaded = id == null || id.isBlank() ? null
                : jpa.call(em -> em.find(CriticalAlertEntity.class, id.strip()));
        if (loaded == null) {
            throw ProblemException.notFound("Critical alert", id);
        }
        PatientGate current = gate;
        PatientGate.Allowed allowed = PatientGate.allow(current == null ? withoutEmr : current,
                loaded.getPatientId(), PRIVILEGE, true, "ACKNOWLEDGE", RESOURCE);
        String doctor = PatientGate.actor("system");
        if (loaded.getAcknowledgedMs() != null) {
            throw refused(allowed, loaded, alreadyAcknowledged(loaded));
        }
        // An escalation committing between our read and our write is no reason to refuse the doctor who has seen the
        // value: one more attempt on the row as it is now. Another doctor's acknowledgement is (409).
        for (int attempt = 1;; attempt++) {
            try {
                String[] detail = new String[1];
                return jpa.callAudited(audit, em -> {
                    CriticalAlertEntity a = em.find(CriticalAlertEntity.class, loaded.getId());
                    if (a.getAcknowledgedMs() != null) {
                        throw alreadyAcknowledged(a);
                    }
                    detail[0] = "level " + a.getLevel() + " (notify " + a.getNotify() + ")"
                            + (text == null ? "" : "; note: " + text);
                    long now = clock.getAsLong();
                    a.setAcknowledgedMs(now);
                    a.setAcknowledgedBy(doctor);
                    a.setEscalateAtMs(null);
                    em.flush(); // the version check: a concurrent acknowledgement or escalation fails here or at commit
                    CriticalHistory.write(em, a, CriticalHistory.ACKNOWLEDGED, doctor, detail[0], now);
                    return CriticalAlertViews.of(em, a);
                }, done -> allowed.audit().resourceId(done.id).detail(detail[0]).build());
            } catch (ProblemException p) {
                throw refused(allowed, loaded, p);
            } catch (PersistenceException e) {
                if (!isOptimisticFailure(e)) {
                    throw e;
                }
                CriticalAlertEntity now = jpa.call(em -> em.find(CriticalAlertEntity.class, loaded.getId()));
                if (now.getAcknowledgedMs() != null) {
                    throw refused(allowed, loaded, alreadyAcknowledged(now));
                }
                if (attempt == 2) {
                    throw refused(allowed, loaded, changedMeanwhile());
                }
            }
        }
    }

    private ProblemException refused(PatientGate.Allowed allowed, CriticalAlertEntity a, ProblemException p) {
        audit.record(allowed.audit().resourceId(a.getId()).outcome(AuditOutcome.FAILED).detail(p.getMessage()).build());
        return p;
    }

    private static ProblemException alreadyAcknowledged(CriticalAlertEntity a) {
        return ProblemException.conflict("The critical result was acknowledged already by " + a.getAcknowledgedBy()
                + " at " + CriticalAlertViews.instant(a.getAcknowledgedMs()));
    }

    private static ProblemException changedMeanwhile() {
        return ProblemException.conflict("The critical alert was acknowledged or escalated meanwhile: reload it");
    }

    static boolean isOptimisticFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
