package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;

/**
 * The cash desk's payments and refunds against issued invoices (docs/billing-api.md, "Payments"). One transaction
 * each: the receipt, the invoice's paid amount, the journal entry, {@code PaymentReceived} and the audit record. The
 * invoice is read before the receipt counter is taken, so two cashiers paying its last balance at once end with one
 * payment and one 409 (the invoice's version).
 */
@Component(service = PaymentService.class, configurationPid = BillingConfig.PID)
public class PaymentService {

    static final String RESOURCE = "bl-payment";
    private static final Set<String> DESK_METHODS = Set.of(Receipts.CASH, Receipts.CARD, Receipts.BANK_TRANSFER,
            Receipts.INSURANCE);

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final EventPublisher events;
    private final LongSupplier clock;
    private final PatientGate withoutEmr;
    private final DeclaredConstraints constraints;
    private volatile PaymentSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public PaymentService(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, BillingConfig config,
            @Reference DeclaredConstraints constraints) {
        this(emf, audit, events, PaymentSettings.of(config), null, System::currentTimeMillis, constraints);
    }

    /** For tests: {@code gate} null for the department's own rule (no EMR). */
    public PaymentService(EntityManagerFactory emf, AuditService audit, EventPublisher events,
            PaymentSettings settings, PatientGate gate, LongSupplier clock, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.gate = gate;
        this.clock = clock;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    @Modified
    void modified(BillingConfig config) {
        settings = PaymentSettings.of(config);
    }

    PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** POST /payments. */
    public PaymentViews.Payment record(PaymentBodies.Pay in) {
        // What Pay declares, every broken field in one 400; then the method, reference and amount (422).
        constraints.check(in);
        String invoiceId = in.invoiceId.strip();
        String method = in.method.strip();
        if (!DESK_METHODS.contains(method)) {
            throw ProblemException.unprocessable("method must be CASH, CARD, BANK_TRANSFER or INSURANCE (online "
                    + "payments come from the provider), was " + method);
        }
        String reference = in.reference == null || in.reference.isBlank() ? null : in.reference.strip();
        if (reference == null && (Receipts.CARD.equals(method) || Receipts.BANK_TRANSFER.equals(method))) {
            throw ProblemException.unprocessable("a " + method + " payment needs its reference (card slip or "
                    + "transfer reference)");
        }
        InvoiceEntity found = new JpaTransactions(emf).call(em -> em.find(InvoiceEntity.class, invoiceId));
        if (found == null) {
            throw ProblemException.notFound("Invoice", invoiceId);
        }
        BigDecimal amount = PaymentInputs.positive(in.amount, "amount", found.getCurrency());
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), true, "PAY", RESOURCE);
        String cashier = PatientGate.actor("system");
        long now = clock.getAsLong();
        LocalDate day = settings.day(now);
        Receipts.Receipt receipt = new Receipts.Receipt(Receipts.PAYMENT, method, amount, reference, null, null,
                cashier);
        return write("invoice " + label(found), allowed, () -> BillingTransactions.run(emf, audit,
                "invoice " + label(found), em -> {
                    InvoiceEntity invoice = payable(em, invoiceId);
                    PaymentEntity p = Receipts.book(em, events, invoice, receipt, allowed.mrn(), now, day, cashier);
                    CashDesk.requireOpen(em, cashier, day); // after the receipt counter: a close waits for it
                    return done(p, invoice, allowed, p.getReceiptNumber() + ": " + method + " " + amount
                            + " on " + label(invoice) + " (" + invoice.getStatus() + ")");
                }));
    }

    /** POST /payments/{id}/refunds: money back by the payment's method, at most what is left of it. */
    public PaymentViews.Payment refund(String paymentId, PaymentBodies.Refund in) {
        constraints.check(in);
        String reason = in.reason.strip();
        PaymentEntity original = new JpaTransactions(emf).call(em -> em.find(PaymentEntity.class, paymentId));
        if (original == null) {
            throw ProblemException.notFound("Payment", paymentId);
        }
        if (!Receipts.PAYMENT.equals(original.getKind())) {
            throw ProblemException.unprocessable(original.getReceiptNumber() + " is a refund: only a payment is "
                    + "refunded");
        }
        BigDecimal amount = PaymentInputs.positive(in.amount, "amount", original.getCurrency());
        PatientGate.Allowed allowed = PatientGate.allow(gate(), original.getPatientId(), true, "REFUND", RESOURCE);
        String cashier = PatientGate.actor("system");
        long now = clock.getAsLong();
        LocalDate day = settings.day(now);
        Receipts.Receipt receipt = new Receipts.Receipt(Receipts.REFUND, original.getMethod(), amount,
                original.getReference(), paymentId, reason, cashier);
        String what = "payment " + original.getReceiptNumber();
        return write(what, allowed, () -> BillingTransactions.run(emf, audit, what, em -> {
            InvoiceEntity invoice = em.find(InvoiceEntity.class, original.getInvoiceId());
            BigDecimal refunded = em.createQuery("SELECT COALESCE(SUM(p.amount), 0) FROM PaymentEntity p WHERE "
                    + "p.refundOf = :id", BigDecimal.class).setParameter("id", paymentId).getSingleResult();
            BigDecimal left = original.getAmount().subtract(refunded);
            if (amount.compareTo(left) > 0) {
                throw ProblemException.unprocessable("A refund of " + amount.toPlainString() + " is more than the "
                        + left.toPlainString() + " left of " + original.getReceiptNumber());
            }
            PaymentEntity p = Receipts.book(em, events, invoice, receipt, allowed.mrn(), now, day, cashier);
            CashDesk.requireOpen(em, cashier, day); // after the receipt counter: a close waits for it
            return done(p, invoice, allowed, p.getReceiptNumber() + ": refund of " + amount + " "
                    + original.getMethod() + " from " + original.getReceiptNumber() + ", reason: " + reason);
        }));
    }

    /** GET /payments: a cashier's day, a patient's payments, or both; newest first. */
    public Page<PaymentViews.Payment> list(String cashier, String day, String patientId, int page, int size) {
        Page.validate(page, size);
        String c = PaymentInputs.optional(cashier, "cashier", 100);
        String d = day == null || day.isBlank() ? null : PaymentInputs.day(day).toString();
        String patient = PaymentInputs.optional(patientId, "patientId", 64);
        if (c == null && d == null && patient == null) {
            throw ProblemException.validation("name a cashier, a day or a patientId");
        }
        PatientGate.Allowed allowed = patient == null ? null
                : PatientGate.allow(gate(), patient, false, "SEARCH", RESOURCE);
        String mrn = allowed == null ? null : allowed.mrn();
        Page<PaymentViews.Payment> found = new JpaTransactions(emf).call(em -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (c != null) {
                where.append(" AND p.cashier = :cashier");
                params.put("cashier", c);
            }
            if (d != null) {
                where.append(" AND p.businessDay = :day");
                params.put("day", d);
            }
            if (mrn != null) {
                where.append(" AND p.patientId = :patient");
                params.put("patient", mrn);
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) FROM PaymentEntity p" + where, Long.class);
            TypedQuery<PaymentEntity> rows = em.createQuery("SELECT p FROM PaymentEntity p" + where
                    + " ORDER BY p.receivedMs DESC, p.receiptNumber DESC", PaymentEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                rows.setParameter(k, v);
            });
            List<PaymentEntity> list = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
            return Page.of(views(em, list), page, size, () -> count.getSingleResult());
        });
        if (allowed != null) {
            audit.record(allowed.audit().detail(found.getTotal() + " payments").build());
        } else {
            // one record per patient shown, as a search over many patients must leave
            Set<String> patients = new LinkedHashSet<>();
            found.getItems().forEach(p -> patients.add(p.patientId));
            List<AuditEvent> records = new ArrayList<>();
            for (String p : patients) {
                records.add(AuditEvent.of("SEARCH", RESOURCE).patientId(p).detail("payments of cashier " + c
                        + " on " + d).build());
            }
            audit.recordAll(records);
        }
        return found;
    }

    /** The views of {@code payments} with their invoices' numbers (one query). */
    static List<PaymentViews.Payment> views(EntityManager em, List<PaymentEntity> payments) {
        Set<String> ids = new LinkedHashSet<>();
        payments.forEach(p -> ids.add(p.getInvoiceId()));
        Map<String, String> numbers = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("SELECT i.id, i.number FROM InvoiceEntity i WHERE i.id IN :ids",
                    Object[].class).setParameter("ids", new ArrayList<>(ids)).getResultList()) {
                numbers.put((String) row[0], (String) row[1]);
            }
        }
        List<PaymentViews.Payment> out = new ArrayList<>();
        payments.forEach(p -> out.add(PaymentViews.Payment.of(p, numbers.get(p.getInvoiceId()))));
        return out;
    }

    /** The invoice in this transaction, if it is an invoice (a credit note takes no payment). */
    static InvoiceEntity payable(EntityManager em, String invoiceId) {
        InvoiceEntity invoice = em.find(InvoiceEntity.class, invoiceId);
        if (invoice == null) {
            throw ProblemException.notFound("Invoice", invoiceId);
        }
        if (!"INVOICE".equals(invoice.getKind())) {
            throw ProblemException.unprocessable(label(invoice) + " is a credit note: payments go to invoices");
        }
        return invoice;
    }

    private AuditedTransaction.Done<PaymentViews.Payment> done(PaymentEntity p, InvoiceEntity invoice,
            PatientGate.Allowed allowed, String detail) {
        return AuditedTransaction.Done.of(PaymentViews.Payment.of(p, invoice.getNumber()),
                allowed.audit().resourceId(p.getId()).detail(detail).build());
    }

    /** Runs a write; a refusal is audited as FAILED before it reaches the client. */
    private PaymentViews.Payment write(String what, PatientGate.Allowed allowed,
            java.util.function.Supplier<PaymentViews.Payment> work) {
        try {
            return work.get();
        } catch (ProblemException e) {
            audit.record(allowed.audit().outcome(AuditOutcome.FAILED).detail(what + ": " + e.detail()).build());
            throw e;
        }
    }

    static String label(InvoiceEntity i) {
        return i.getNumber() != null ? i.getNumber() : i.getId();
    }
}
