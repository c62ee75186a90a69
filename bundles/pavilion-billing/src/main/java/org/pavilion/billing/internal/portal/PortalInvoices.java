package org.pavilion.billing.internal.portal;

import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.invoices.InvoiceViews;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/**
 * A patient's own invoices for the portal: only those issued (drafts are billing's work in progress; a voided or
 * credited invoice the patient was sent stays listed), newest first. A patient account only: staff use the invoices
 * part's endpoints. Another patient's invoice is 403, an unknown one (or a draft) 404; every read is audited.
 */
@Component(service = PortalInvoices.class)
public class PortalInvoices {

    static final String RESOURCE = "bl-invoice";

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientGate withoutEmr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public PortalInvoices(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(emf, audit, null);
    }

    /** For tests: {@code gate} null for the department's own rule (no EMR installed). */
    public PortalInvoices(EntityManagerFactory emf, AuditService audit, PatientGate gate) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.gate = gate;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** GET /portal/invoices: the caller's own issued invoices and credit notes, newest first, without lines. */
    public Page<InvoiceViews.Invoice> own(int page, int size) {
        Page.validate(page, size);
        String own = ownPatient("SEARCH");
        PatientGate.Allowed allowed = gate().check(own, false, "SEARCH", RESOURCE);
        Page<InvoiceViews.Invoice> answer = jpa.call(em -> {
            List<InvoiceEntity> rows = em.createQuery("SELECT i FROM InvoiceEntity i WHERE i.patientId = :mrn"
                    + " AND i.issuedMs IS NOT NULL ORDER BY i.issuedMs DESC, i.number DESC", InvoiceEntity.class)
                    .setParameter("mrn", allowed.mrn()).setFirstResult(page * size).setMaxResults(size)
                    .getResultList();
            return Page.of(rows.stream().map(i -> new InvoiceViews(em).summary(i)).toList(), page, size,
                    () -> em.createQuery("SELECT COUNT(i) FROM InvoiceEntity i WHERE i.patientId = :mrn"
                            + " AND i.issuedMs IS NOT NULL", Long.class).setParameter("mrn", allowed.mrn())
                            .getSingleResult());
        });
        audit.record(allowed.audit().detail("own invoices page " + page + ": " + answer.getItems().size() + " of "
                + answer.getTotal()).build());
        return answer;
    }

    /** GET /portal/invoices/{id}: one of the caller's own issued invoices with its lines, payments and claims. */
    public InvoiceViews.Invoice one(String id) {
        ownPatient("READ");
        InvoiceEntity found = jpa.call(em -> em.find(InvoiceEntity.class, id));
        if (found == null) {
            throw ProblemException.notFound("Invoice", id);
        }
        // the gate decides whose it is first: another patient's invoice is 403 whatever its state
        PatientGate.Allowed allowed = gate().check(found.getPatientId(), false, "READ", RESOURCE);
        if (found.getIssuedMs() == null) {
            throw ProblemException.notFound("Invoice", id);
        }
        InvoiceViews.Invoice answer = jpa.call(em -> new InvoiceViews(em).full(em.find(InvoiceEntity.class, id)));
        audit.record(allowed.audit().resourceId(id).detail("own invoice " + answer.number).build());
        return answer;
    }

    private String ownPatient(String action) {
        return PatientGate.ownPatient().orElseThrow(() -> {
            String reason = "only a patient's own account has invoices of its own in the portal";
            audit.record(AuditEvent.of(action, RESOURCE).outcome(AuditOutcome.DENIED).detail(reason).build());
            return ProblemException.forbidden(reason);
        });
    }
}
