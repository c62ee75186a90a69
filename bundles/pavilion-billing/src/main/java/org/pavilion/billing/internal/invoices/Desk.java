package org.pavilion.billing.internal.invoices;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.insurance.Coverages;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;

/**
 * What every change of an invoice shares: the patient gate first, then one transaction (BillingTransactions.run) in
 * which the invoice's version is raised, so two desks changing one invoice at once end with one change and one 409;
 * a refusal is audited as FAILED.
 */
final class Desk {

    static final String RESOURCE = "bl-invoice";

    /** What a change answers and what its audit record says. */
    record Result<T>(T answer, String detail) {
    }

    /** A change of one invoice inside its transaction. */
    interface Work<T> {
        Result<T> apply(EntityManager em, InvoiceEntity invoice, String actor, long now);
    }

    final EntityManagerFactory emf;
    final JpaTransactions jpa;
    final AuditService audit;
    final EventPublisher events;
    final Coverages coverages;
    final LongSupplier clock;
    private final Supplier<InvoiceSettings> settings;
    private final Supplier<PatientGate> gate;

    Desk(EntityManagerFactory emf, AuditService audit, EventPublisher events, Coverages coverages,
            Supplier<InvoiceSettings> settings, Supplier<PatientGate> gate, LongSupplier clock) {
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.events = events;
        this.coverages = coverages;
        this.settings = settings;
        this.gate = gate;
        this.clock = clock;
    }

    InvoiceSettings settings() {
        return settings.get();
    }

    PatientGate gate() {
        return gate.get();
    }

    /** The invoice or 404. */
    InvoiceEntity find(String invoiceId) {
        InvoiceEntity i = invoiceId == null ? null : jpa.call(em -> em.find(InvoiceEntity.class, invoiceId));
        if (i == null) {
            throw ProblemException.notFound("Invoice", invoiceId);
        }
        return i;
    }

    /** Runs {@code work} on invoice {@code invoiceId} for a caller allowed to change the patient's billing data. */
    <T> T change(String invoiceId, String action, Work<T> work) {
        return change(invoiceId, action, true, work);
    }

    /**
     * As {@link #change(String, String, Work)}; {@code write} false asks the gate for reading only (a discount's
     * approver holds {@code billing.discount.approve}, checked before, not necessarily the desk's privileges).
     */
    <T> T change(String invoiceId, String action, boolean write, Work<T> work) {
        InvoiceEntity found = find(invoiceId);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), write, action, RESOURCE);
        String actor = PatientGate.actor("system");
        long now = clock.getAsLong();
        String label = found.getNumber() != null ? found.getNumber() : "draft invoice " + invoiceId;
        try {
            return BillingTransactions.run(emf, audit, label, em -> {
                InvoiceEntity invoice = em.find(InvoiceEntity.class, invoiceId);
                em.lock(invoice, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                Result<T> r = work.apply(em, invoice, actor, now);
                return new AuditedTransaction.Done<>(r.answer(),
                        List.of(allowed.audit().resourceId(invoiceId).detail(r.detail()).build()));
            });
        } catch (ProblemException e) {
            audit.record(allowed.audit().resourceId(invoiceId).outcome(AuditOutcome.FAILED)
                    .detail(action + " refused: " + e.detail()).build());
            throw e;
        }
    }

    /** The invoice's lines in order. */
    static List<InvoiceLineEntity> lines(EntityManager em, String invoiceId) {
        return new InvoiceViews(em).lines(invoiceId);
    }

    static List<DiscountEntity> discounts(EntityManager em, String invoiceId) {
        return em.createQuery("SELECT d FROM DiscountEntity d WHERE d.invoiceId = :id ORDER BY d.requestedMs",
                DiscountEntity.class).setParameter("id", invoiceId).getResultList();
    }

    /** A required text of at most {@code max} characters, stripped; 400 otherwise. */
    static String required(String text, String field, int max) {
        if (text == null || text.isBlank()) {
            throw ProblemException.validation(field + " is required");
        }
        String t = text.strip();
        if (t.length() > max) {
            throw ProblemException.validation(field + " has more than " + max + " characters");
        }
        return t;
    }
}
