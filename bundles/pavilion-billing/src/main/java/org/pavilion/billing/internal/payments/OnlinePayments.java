package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.events.api.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's "pay now" and the provider's answer. A patient's own issued invoice gets an intent for its whole patient
 * balance and a checkout at the provider (the HTTP call runs outside any transaction); the provider's signed SUCCEEDED
 * notification records one ONLINE payment per checkout: a replay, or the same notification delivered twice at once,
 * finds the intent completed (or loses the intent's version check) and is answered with nothing new.
 */
@Component(service = OnlinePayments.class, configurationPid = BillingConfig.PID)
public class OnlinePayments {

    static final String CREATED = "CREATED";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    /** The cashier of online payments: {@code GET /cash/online/{day}} shows a day's online takings. */
    static final String ONLINE_CASHIER = "online";
    /** How an intent's failure starts when the provider took the money and billing could not record it. */
    static final String TAKEN_NOT_RECORDED = "paid at ";
    private static final Logger LOG = LoggerFactory.getLogger(OnlinePayments.class);

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final EventPublisher events;
    private final LongSupplier clock;
    private final PatientGate withoutEmr;
    private final DeclaredConstraints constraints;
    private final List<PaymentProvider> providers = new CopyOnWriteArrayList<>();
    private volatile PaymentSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public OnlinePayments(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, BillingConfig config,
            @Reference DeclaredConstraints constraints) {
        this(emf, audit, events, PaymentSettings.of(config), null, System::currentTimeMillis, constraints);
    }

    /** For tests: {@code gate} null for the department's own rule (no EMR). */
    public OnlinePayments(EntityManagerFactory emf, AuditService audit, EventPublisher events,
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addProvider(PaymentProvider provider) {
        providers.add(provider);
    }

    public void removeProvider(PaymentProvider provider) {
        providers.remove(provider);
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** POST /portal/payments: a checkout for the whole patient balance of the caller's own issued invoice. */
    public PaymentViews.Checkout start(PaymentBodies.PayOnline in) {
        constraints.check(in); // what PayOnline declares (400)
        String invoiceId = in.invoiceId.strip();
        Optional<String> own = PatientGate.ownPatient();
        if (own.isEmpty()) {
            throw ProblemException.forbidden("the portal pays a patient's own invoices: sign in with a patient "
                    + "account");
        }
        InvoiceEntity invoice = new JpaTransactions(emf).call(em -> em.find(InvoiceEntity.class, invoiceId));
        if (invoice == null || !InvoiceBalances.ISSUED.equals(invoice.getStatus())
                && !InvoiceBalances.PARTIALLY_PAID.equals(invoice.getStatus())
                && !InvoiceBalances.PAID.equals(invoice.getStatus())) {
            throw ProblemException.notFound("Invoice", invoiceId); // a draft is nobody's bill yet
        }
        // the patient reads their own invoice through the gate; paying it is what the endpoint's privilege allows
        PatientGate.Allowed allowed = PatientGate.allow(gate(), invoice.getPatientId(), false, "PAY",
                PaymentService.RESOURCE);
        if (!own.get().equals(allowed.mrn()) && !own.get().equals(invoice.getPatientId())) {
            audit.record(allowed.audit().outcome(AuditOutcome.DENIED).detail("not the account's own invoice").build());
            throw ProblemException.forbidden("a patient account pays its own invoices only");
        }
        BigDecimal balance = InvoiceBalances.patientBalance(invoice);
        if (!"INVOICE".equals(invoice.getKind()) || balance.signum() <= 0) {
            throw ProblemException.conflict(PaymentService.label(invoice) + " has nothing left for the patient to pay");
        }
        PaymentProvider provider = providers.stream().filter(PaymentProvider::available).findFirst()
                .orElseThrow(() -> ProblemException.conflict("online payment is off: pay at the cash desk"));
        String intentId = UUID.randomUUID().toString();
        long now = clock.getAsLong();
        BillingTransactions.run(emf, audit, "payment intent", em -> {
            PaymentIntentEntity i = new PaymentIntentEntity();
            i.setId(intentId);
            i.setInvoiceId(invoice.getId());
            i.setPatientId(allowed.mrn());
            i.setProvider(provider.name());
            i.setAmount(balance);
            i.setCurrency(invoice.getCurrency());
            i.setStatus(CREATED);
            i.setCreatedMs(now);
            em.persist(i);
            return AuditedTransaction.Done.of(null, allowed.audit().resourceId(intentId).detail("online payment of "
                    + balance + " " + invoice.getCurrency() + " on " + PaymentService.label(invoice) + " started with "
                    + provider.name()).build());
        });
        PaymentProvider.Checkout checkout;
        try {
            checkout = provider.create(new PaymentProvider.CheckoutRequest(intentId, balance, invoice.getCurrency(),
                    settings.returnUrl(), invoice.getNumber()));
        } catch (RuntimeException e) {
            String why = e instanceof ProblemException p ? p.detail() : e.toString();
            new JpaTransactions(emf).run(em -> {
                PaymentIntentEntity i = em.find(PaymentIntentEntity.class, intentId);
                i.setStatus(FAILED);
                i.setFailure(PaymentInputs.clip("checkout not opened: " + why, 500));
                i.setCompletedMs(clock.getAsLong());
            });
            throw e;
        }
        new JpaTransactions(emf).run(em -> em.find(PaymentIntentEntity.class, intentId)
                .setProviderRef(checkout.providerRef()));
        PaymentViews.Checkout v = new PaymentViews.Checkout();
        v.intentId = intentId;
        v.redirectUrl = checkout.redirectUrl();
        return v;
    }

    /** POST /payment-notifications/{provider}: verified by the provider's adapter, then applied once. */
    public PaymentViews.Notified notified(String providerName, byte[] body, UnaryOperator<String> header) {
        PaymentProvider provider = providers.stream().filter(p -> p.name().equals(providerName)).findFirst()
                .orElseThrow(() -> PaymentProvider.untrusted("no payment provider is called " + providerName));
        PaymentProvider.Notification n = provider.verify(body, header);
        Caller actor = Caller.inContainer("payment-provider:" + provider.name(), Set.of(), "provider");
        try {
            return CallerContext.runAs(actor, () -> apply(provider, n));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private PaymentViews.Notified apply(PaymentProvider provider, PaymentProvider.Notification n) {
        JpaTransactions jpa = new JpaTransactions(emf);
        PaymentIntentEntity intent = intentOf(jpa, provider.name(), n.providerRef());
        boolean takenNotRecorded = FAILED.equals(intent.getStatus()) && intent.getFailure() != null
                && intent.getFailure().startsWith(TAKEN_NOT_RECORDED);
        if (SUCCEEDED.equals(intent.getStatus()) || takenNotRecorded
                || (!n.succeeded() && FAILED.equals(intent.getStatus()))) {
            return answer(intent, true);
        }
        if (!n.succeeded()) {
            return failed(intent.getId(), "the provider reports the payment failed" + (n.failure() == null ? ""
                    : ": " + n.failure()), false);
        }
        if (n.amount().compareTo(intent.getAmount()) != 0 || !intent.getCurrency().equals(n.currency())) {
            audit.record(AuditEvent.of("PAY", PaymentService.RESOURCE).patientId(intent.getPatientId())
                    .resourceId(intent.getId()).outcome(AuditOutcome.FAILED).detail("provider reported "
                            + n.amount() + " " + n.currency() + ", the intent is " + intent.getAmount() + " "
                            + intent.getCurrency()).build());
            throw ProblemException.unprocessable("the notification's amount " + n.amount().toPlainString() + " "
                    + n.currency() + " is not the intent's " + intent.getAmount().toPlainString() + " "
                    + intent.getCurrency());
        }
        try {
            return record(provider, n, intent.getId());
        } catch (ProblemException e) {
            PaymentIntentEntity now = jpa.call(em -> em.find(PaymentIntentEntity.class, intent.getId()));
            if (SUCCEEDED.equals(now.getStatus())) {
                return answer(now, true); // the same notification won a moment ago
            }
            InvoiceEntity invoice = jpa.call(em -> em.find(InvoiceEntity.class, now.getInvoiceId()));
            if (e.status() == 409 && stillPayable(invoice, now.getAmount())) {
                throw e; // a cashier's payment raced it: the provider sends it again
            }
            // the money was taken but the invoice no longer takes it (paid at the desk meanwhile, voided)
            LOG.warn("online payment {} of intent {} ({} {}) not recorded: {}", n.providerRef(), now.getId(),
                    now.getAmount(), now.getCurrency(), e.detail());
            return failed(now.getId(), TAKEN_NOT_RECORDED + provider.name() + " (" + n.providerRef()
                    + ") but not recorded: " + e.detail() + "; refund it at the provider", true);
        }
    }

    private PaymentViews.Notified record(PaymentProvider provider, PaymentProvider.Notification n, String intentId) {
        long now = clock.getAsLong();
        LocalDate day = settings.day(now);
        String actor = "payment-provider:" + provider.name();
        return BillingTransactions.run(emf, audit, "payment intent " + intentId, em -> {
            PaymentIntentEntity intent = em.find(PaymentIntentEntity.class, intentId);
            if (SUCCEEDED.equals(intent.getStatus())) {
                return new AuditedTransaction.Done<>(answer(intent, true), List.of());
            }
            InvoiceEntity invoice = PaymentService.payable(em, intent.getInvoiceId());
            Receipts.Receipt receipt = new Receipts.Receipt(Receipts.PAYMENT, Receipts.ONLINE, intent.getAmount(),
                    PaymentInputs.clip(provider.name() + ":" + n.providerRef(), 120), null, null, ONLINE_CASHIER);
            PaymentEntity p = Receipts.book(em, events, invoice, receipt, intent.getPatientId(), now, day, actor);
            intent.setStatus(SUCCEEDED);
            intent.setPaymentId(p.getId());
            intent.setCompletedMs(now);
            intent.setFailure(null);
            return AuditedTransaction.Done.of(answer(intent, false), AuditEvent.of("PAY", PaymentService.RESOURCE)
                    .patientId(intent.getPatientId()).resourceId(p.getId()).detail(p.getReceiptNumber() + ": ONLINE "
                            + p.getAmount() + " on " + PaymentService.label(invoice) + " (" + invoice.getStatus()
                            + "), checkout " + n.providerRef()).build());
        });
    }

    private PaymentViews.Notified failed(String intentId, String why, boolean moneyTaken) {
        return BillingTransactions.run(emf, audit, "payment intent " + intentId, em -> {
            PaymentIntentEntity intent = em.find(PaymentIntentEntity.class, intentId);
            if (SUCCEEDED.equals(intent.getStatus()) || (FAILED.equals(intent.getStatus()) && !moneyTaken)) {
                return new AuditedTransaction.Done<>(answer(intent, true), List.of());
            }
            intent.setStatus(FAILED);
            intent.setFailure(PaymentInputs.clip(why, 500));
            intent.setCompletedMs(clock.getAsLong());
            return AuditedTransaction.Done.of(answer(intent, false), AuditEvent.of("PAY", PaymentService.RESOURCE)
                    .patientId(intent.getPatientId()).resourceId(intentId).outcome(AuditOutcome.FAILED)
                    .detail(why).build());
        });
    }

    private static boolean stillPayable(InvoiceEntity i, BigDecimal amount) {
        return (InvoiceBalances.ISSUED.equals(i.getStatus()) || InvoiceBalances.PARTIALLY_PAID.equals(i.getStatus()))
                && InvoiceBalances.patientBalance(i).compareTo(amount) >= 0;
    }

    private static PaymentIntentEntity intentOf(JpaTransactions jpa, String provider, String ref) {
        List<PaymentIntentEntity> found = jpa.call(em -> em.createQuery("SELECT i FROM PaymentIntentEntity i WHERE "
                + "i.provider = :provider AND i.providerRef = :ref", PaymentIntentEntity.class)
                .setParameter("provider", provider).setParameter("ref", ref).getResultList());
        if (found.isEmpty()) {
            throw ProblemException.notFound("Checkout", ref);
        }
        return found.get(0);
    }

    private static PaymentViews.Notified answer(PaymentIntentEntity i, boolean replay) {
        PaymentViews.Notified v = new PaymentViews.Notified();
        v.intentId = i.getId();
        v.status = i.getStatus();
        v.paymentId = i.getPaymentId();
        v.replay = replay;
        return v;
    }

    /** For the portal and tests: an intent's state. */
    PaymentIntentEntity intent(String id) {
        return new JpaTransactions(emf).call(em -> em.find(PaymentIntentEntity.class, id));
    }
}
