package org.pavilion.billing.internal.documents;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.invoices.InvoiceViews;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;

/**
 * The PDFs of invoices, credit notes and receipts, each read through the patient gate and audited (READ): staff by
 * id, a patient's own account only its own issued invoices.
 */
@Component(service = Documents.class, configurationPid = BillingConfig.PID)
public class Documents {

    /** A rendered document and the file name it is offered under. */
    public record Pdf(String fileName, byte[] bytes) {
    }

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientGate withoutEmr;
    private volatile Letterhead letterhead;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public Documents(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, BillingConfig config) {
        this(emf, audit, Letterhead.of(config), null);
    }

    /** For tests: {@code gate} null for the department's own rule (as without the EMR). */
    public Documents(EntityManagerFactory emf, AuditService audit, Letterhead letterhead, PatientGate gate) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.letterhead = letterhead;
        this.gate = gate;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    @Modified
    void modified(BillingConfig config) {
        letterhead = Letterhead.of(config);
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** GET /invoices/{id}/pdf: any invoice or credit note (a draft prints "DRAFT"). */
    public Pdf invoice(String invoiceId) {
        InvoiceEntity found = find(invoiceId);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), false, "READ", "bl-invoice");
        Pdf pdf = render(invoiceId);
        audit.record(allowed.audit().resourceId(invoiceId).detail("printed " + pdf.fileName()).build());
        return pdf;
    }

    /** GET /portal/documents/{invoiceId}/pdf: the caller's own issued invoice or credit note; drafts are not shown. */
    public Pdf own(String invoiceId) {
        if (PatientGate.ownPatient().isEmpty()) {
            throw ProblemException.forbidden("the portal's documents are a patient account's own");
        }
        InvoiceEntity found = find(invoiceId);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), false, "READ", "bl-invoice");
        if ("DRAFT".equals(found.getStatus())) {
            throw ProblemException.notFound("Invoice", invoiceId);
        }
        Pdf pdf = render(invoiceId);
        audit.record(allowed.audit().resourceId(invoiceId).detail("printed " + pdf.fileName() + " in the portal")
                .build());
        return pdf;
    }

    /** GET /receipts/{paymentId}/pdf: a payment's or a refund's receipt. */
    public Pdf receipt(String paymentId) {
        PaymentEntity found = paymentId == null ? null : jpa.call(em -> em.find(PaymentEntity.class, paymentId));
        if (found == null) {
            throw ProblemException.notFound("Payment", paymentId);
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), false, "READ", "bl-payment");
        Letterhead head = letterhead;
        Pdf pdf = jpa.call(em -> {
            InvoiceViews views = new InvoiceViews(em);
            InvoiceViews.Invoice inv = views.summary(em.find(InvoiceEntity.class, found.getInvoiceId()));
            return new Pdf(found.getReceiptNumber() + ".pdf",
                    ReceiptDocument.render(head, InvoiceViews.payment(found, inv.number), inv));
        });
        audit.record(allowed.audit().resourceId(paymentId).detail("printed receipt " + found.getReceiptNumber())
                .build());
        return pdf;
    }

    private InvoiceEntity find(String invoiceId) {
        InvoiceEntity i = invoiceId == null ? null : jpa.call(em -> em.find(InvoiceEntity.class, invoiceId));
        if (i == null) {
            throw ProblemException.notFound("Invoice", invoiceId);
        }
        return i;
    }

    private Pdf render(String invoiceId) {
        Letterhead head = letterhead;
        return jpa.call(em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            InvoiceEntity credited = i.getCreditedInvoiceId() == null ? null
                    : em.find(InvoiceEntity.class, i.getCreditedInvoiceId());
            InvoiceViews.Invoice view = new InvoiceViews(em).full(i);
            String name = (i.getNumber() != null ? i.getNumber() : "DRAFT-" + i.getId()) + ".pdf";
            return new Pdf(name, InvoiceDocument.render(head, view, credited == null ? null : credited.getNumber()));
        });
    }
}
