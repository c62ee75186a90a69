package org.pavilion.emr.internal.record;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.ClinicalAccess.Grant;
import org.pavilion.emr.internal.Mrn;
import org.pavilion.events.api.EventPublisher;

/**
 * How every call on the clinical record is done, whichever part it touches: ask {@link ClinicalAccess} first
 * (it refuses and audits callers that may not, follows merges, handles break-the-glass), then validate, then write
 * in one transaction with its event, then audit the outcome. Validation failures after access was granted are
 * audited as FAILED; nothing is stored for them. The record's services (encounters, problems, allergies, ...)
 * share this one component instead of each holding the same five references.
 */
@Component(service = RecordWork.class)
public class RecordWork {

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final EventPublisher events;
    private final ClinicalAccess access;

    @Activate
    public RecordWork(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference ClinicalAccess access) {
        this(new JpaTransactions(emf), audit, events, access);
    }

    RecordWork(JpaTransactions jpa, AuditService audit, EventPublisher events, ClinicalAccess access) {
        this.jpa = jpa;
        this.audit = audit;
        this.events = events;
        this.access = access;
    }

    /** The caller may read {@code resource} of patient {@code mrn}'s clinical record, or a 403/404 is thrown. */
    Grant read(String mrn, String resource, String breakGlass) {
        return access.read(mrn, resource, breakGlass);
    }

    /** The caller may write {@code resource} of patient {@code mrn}'s clinical record, or a 403/404 is thrown. */
    Grant write(String mrn, String resource, String breakGlass) {
        return access.write(mrn, resource, breakGlass);
    }

    <T> T inTransaction(Function<EntityManager, T> work) {
        return jpa.call(work);
    }

    /** Publishes a clinical event about patient {@code mrn} in {@code em}'s transaction, keyed by the patient. */
    void publish(EntityManager em, String type, String mrn, Object payload) {
        events.publish(em, type, Mrn.subjectKey(mrn), payload);
    }

    void record(AuditEvent event) {
        audit.record(event);
    }

    /**
     * Runs a write granted by {@code g}: {@code prepare} checks the request and gives the transaction's work, which
     * commits with its audit record, a success whose resource id is the first word of {@code id.apply(result)} and
     * whose detail is the rest (left out when the glass was broken: the detail then carries the reason). A problem
     * thrown by either is audited FAILED.
     */
    <T> T audited(Grant g, String action, Function<T, String> id, Supplier<Function<EntityManager, T>> prepare) {
        try {
            Function<EntityManager, T> change = prepare.get();
            return jpa.callAudited(audit, change, result -> {
                String detail = id.apply(result);
                int space = detail.indexOf(' ');
                AuditEvent.Builder b = g.audit(action).resourceId(space < 0 ? detail : detail.substring(0, space));
                if (space >= 0 && !g.emergency) {
                    b.detail(detail.substring(space + 1));
                }
                return b.build();
            });
        } catch (ProblemException e) {
            throw failed(g, action, e);
        }
    }

    /** Runs a list read granted by {@code g} and audits it as READ of the patient with the number of entries. */
    <T> List<T> auditedList(Grant g, String resource, Supplier<List<T>> work) {
        List<T> result = work.get();
        AuditEvent.Builder b = g.audit("READ").resourceId(g.mrn);
        if (!g.emergency) {
            b.detail(result.size() + " " + resource + " entries");
        }
        audit.record(b.build());
        return result;
    }

    /** Audits {@code e} as the FAILED outcome of {@code action} and hands it back to be thrown. */
    ProblemException failed(Grant g, String action, ProblemException e) {
        AuditEvent.Builder b = g.audit(action).outcome(AuditOutcome.FAILED);
        String why = e.status() + " " + e.getMessage();
        audit.record((g.emergency ? b.detail("break-the-glass: " + g.breakGlassReason + "; " + why) : b.detail(why))
                .build());
        return e;
    }
}
