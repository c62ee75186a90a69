package org.pavilion.billing.internal.invoices;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.pavilion.billing.api.InvoiceIssued;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.accounting.Journal;
import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.insurance.Coverages;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;

/**
 * Invoices (docs/billing-api.md, "Invoices"): a DRAFT from the patient's OPEN charges (of an encounter or a period),
 * discounts asked and approved by another user ({@link Discounts}), issue (numbered, due date, journal, event), void
 * and credit notes ({@link CreditNotes}). A charge is on one invoice only: its version check makes the second of two
 * desks invoicing it at once lose with 409 (or 422 when it finds nothing open any more).
 */
@Component(service = InvoiceService.class, configurationPid = BillingConfig.PID)
public class InvoiceService {

    private final Desk desk;
    private final Discounts discounts;
    private final CreditNotes creditNotes;
    private final PatientGate withoutEmr;
    private final DeclaredConstraints constraints;
    private volatile InvoiceSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public InvoiceService(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference Coverages coverages,
            BillingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, events, coverages, InvoiceSettings.of(config), null, System::currentTimeMillis, constraints);
    }

    /** For tests: {@code gate} null for the department's own rule (as without the EMR). */
    public InvoiceService(EntityManagerFactory emf, AuditService audit, EventPublisher events, Coverages coverages,
            InvoiceSettings settings, PatientGate gate, LongSupplier clock, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.settings = settings;
        this.gate = gate;
        this.withoutEmr = PatientGate.withoutEmr(audit);
        this.desk = new Desk(emf, audit, events, coverages, () -> this.settings, this::gate, clock);
        this.discounts = new Discounts(desk);
        this.creditNotes = new CreditNotes(desk);
    }

    @Modified
    void modified(BillingConfig config) {
        settings = InvoiceSettings.of(config);
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** POST /invoices: a DRAFT of the patient's OPEN charges of an encounter, or of service dates from..to. */
    public InvoiceViews.Invoice create(InvoiceBodies.Create in) {
        constraints.check(in); // what Create declares, every broken field in one 400
        String patientId = in.patientId.strip();
        String encounterId = in.encounterId == null || in.encounterId.isBlank() ? null : in.encounterId.strip();
        boolean period = encounterId == null;
        LocalDate from = period ? date(in.from, "from") : null;
        LocalDate to = period ? date(in.to, "to") : null;
        if (period && from.isAfter(to)) {
            throw ProblemException.validation("from " + from + " is after to " + to);
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), patientId, true, "CREATE", Desk.RESOURCE);
        String actor = PatientGate.actor("system");
        long now = desk.clock.getAsLong();
        String what = encounterId != null ? "encounter " + encounterId : "the period " + from + " to " + to;
        try {
            return BillingTransactions.run(desk.emf, desk.audit, "the charges of " + what, em -> {
                List<ChargeEntity> charges = openCharges(em, allowed.mrn(), encounterId, from, to);
                if (charges.isEmpty()) {
                    throw ProblemException.unprocessable("patient " + allowed.mrn() + " has no open charges of " + what);
                }
                InvoiceEntity inv = draft(allowed.mrn(), encounterId, from, to, actor, now);
                List<InvoiceLineEntity> lines = InvoiceLines.ofCharges(inv.getId(), charges);
                InvoiceLines.recompute(em, inv, lines, List.of(), desk.coverages);
                em.persist(inv);
                lines.forEach(em::persist);
                for (ChargeEntity c : charges) {
                    c.setStatus("INVOICED");
                    c.setInvoiceId(inv.getId());
                }
                AuditEvent record = allowed.audit().resourceId(inv.getId()).detail("draft of " + charges.size()
                        + " charges of " + what + ", gross " + Amounts.text(inv.getGrossTotal())).build();
                return AuditedTransaction.Done.of(new InvoiceViews(em).full(inv), record);
            });
        } catch (ProblemException e) {
            desk.audit.record(allowed.audit().outcome(AuditOutcome.FAILED)
                    .detail("no invoice: " + e.detail()).build());
            throw e;
        }
    }

    private static List<ChargeEntity> openCharges(EntityManager em, String patientId, String encounterId,
            LocalDate from, LocalDate to) {
        TypedQuery<ChargeEntity> q = em.createQuery("SELECT c FROM ChargeEntity c WHERE c.patientId = :p"
                + " AND c.status = 'OPEN' AND " + (encounterId != null ? "c.encounterId = :e"
                        : "c.serviceDate >= :from AND c.serviceDate <= :to")
                + " ORDER BY c.serviceDate, c.postedMs, c.id", ChargeEntity.class).setParameter("p", patientId);
        if (encounterId != null) {
            q.setParameter("e", encounterId);
        } else {
            q.setParameter("from", from.toString()).setParameter("to", to.toString());
        }
        return q.getResultList();
    }

    private InvoiceEntity draft(String patientId, String encounterId, LocalDate from, LocalDate to, String actor,
            long now) {
        String currency = settings.currency();
        InvoiceEntity i = new InvoiceEntity();
        i.setId(UUID.randomUUID().toString());
        i.setKind("INVOICE");
        i.setPatientId(patientId);
        i.setEncounterId(encounterId);
        i.setPeriodFrom(from == null ? null : from.toString());
        i.setPeriodTo(to == null ? null : to.toString());
        i.setStatus(InvoiceBalances.DRAFT);
        i.setCurrency(currency);
        i.setPaidByPatient(Amounts.zero(currency));
        i.setPaidByInsurance(Amounts.zero(currency));
        i.setCreatedMs(now);
        i.setCreatedBy(actor);
        return i;
    }

    /** GET /invoices/{id}: with lines, discounts, payments and claims. */
    public InvoiceViews.Invoice get(String id) {
        InvoiceEntity found = desk.find(id);
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), false, "READ", Desk.RESOURCE);
        InvoiceViews.Invoice v = desk.jpa.call(em -> new InvoiceViews(em).full(em.find(InvoiceEntity.class, id)));
        desk.audit.record(allowed.audit().resourceId(id).build());
        return v;
    }

    /** GET /invoices: newest first, without lines; {@code from}/{@code to} are days of issue (of creation for drafts). */
    public Page<InvoiceViews.Invoice> list(String patientId, String status, String kind, String from, String to,
            int page, int size) {
        Page.validate(page, size);
        InvoiceSettings s = settings;
        Long fromMs = from == null || from.isBlank() ? null
                : date(from, "from").atStartOfDay(s.zone()).toInstant().toEpochMilli();
        Long toMs = to == null || to.isBlank() ? null
                : date(to, "to").plusDays(1).atStartOfDay(s.zone()).toInstant().toEpochMilli();
        PatientGate.Allowed allowed = patientId == null || patientId.isBlank() ? null
                : PatientGate.allow(gate(), patientId.strip(), false, "SEARCH", Desk.RESOURCE);
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (allowed != null) {
            where.append(" AND i.patientId = :patient");
            params.put("patient", allowed.mrn());
        }
        if (status != null && !status.isBlank()) {
            where.append(" AND i.status = :status");
            params.put("status", status.strip());
        }
        if (kind != null && !kind.isBlank()) {
            where.append(" AND i.kind = :kind");
            params.put("kind", kind.strip());
        }
        if (fromMs != null) {
            where.append(" AND (i.issuedMs >= :fromMs OR (i.issuedMs IS NULL AND i.createdMs >= :fromMs))");
            params.put("fromMs", fromMs);
        }
        if (toMs != null) {
            where.append(" AND (i.issuedMs < :toMs OR (i.issuedMs IS NULL AND i.createdMs < :toMs))");
            params.put("toMs", toMs);
        }
        Page<InvoiceViews.Invoice> answer = desk.jpa.call(em -> {
            TypedQuery<InvoiceEntity> q = em.createQuery("SELECT i FROM InvoiceEntity i" + where
                    + " ORDER BY i.createdMs DESC, i.id", InvoiceEntity.class);
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(i) FROM InvoiceEntity i" + where, Long.class);
            params.forEach((k, v) -> {
                q.setParameter(k, v);
                count.setParameter(k, v);
            });
            InvoiceViews views = new InvoiceViews(em);
            List<InvoiceViews.Invoice> items = q.setFirstResult(page * size).setMaxResults(size).getResultList()
                    .stream().map(views::summary).toList();
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
        if (allowed != null) {
            desk.audit.record(allowed.audit().detail("listed " + answer.getItems().size() + " invoices").build());
        } else { // one record per patient shown
            List<AuditEvent> records = new ArrayList<>();
            answer.getItems().stream().map(i -> i.patientId).distinct().forEach(p -> records.add(
                    AuditEvent.of("SEARCH", Desk.RESOURCE).patientId(p).detail("invoice list").build()));
            desk.audit.recordAll(records);
        }
        return answer;
    }

    /** POST /invoices/{id}/discounts. */
    public InvoiceViews.Discount requestDiscount(String invoiceId, InvoiceBodies.Discount in) {
        constraints.check(in); // what Discount declares, every broken field in one 400
        return discounts.request(invoiceId, in);
    }

    /** POST /invoices/{id}/discounts/{discountId}/approve or /reject. */
    public InvoiceViews.Invoice decideDiscount(String invoiceId, String discountId, boolean approve) {
        return discounts.decide(invoiceId, discountId, approve);
    }

    /** POST /invoices/{id}/credit-notes. */
    public InvoiceViews.Invoice creditNote(String invoiceId, InvoiceBodies.CreditNote in) {
        return creditNotes.credit(invoiceId, in);
    }

    /**
     * POST /invoices/{id}/issue: the next INV number of the year, the due date, the journal entry and
     * {@code InvoiceIssued}, all in one transaction. The lines are split again with the policies of the day of issue.
     */
    public InvoiceViews.Invoice issue(String invoiceId) {
        return desk.change(invoiceId, "ISSUE", (em, inv, actor, now) -> {
            if (!InvoiceBalances.DRAFT.equals(inv.getStatus())) {
                throw ProblemException.conflict("invoice " + label(inv) + " is " + inv.getStatus()
                        + ": only a draft is issued");
            }
            List<DiscountEntity> discountsAsked = Desk.discounts(em, invoiceId);
            long pending = discountsAsked.stream().filter(d -> InvoiceLines.REQUESTED.equals(d.getStatus())).count();
            if (pending > 0) {
                throw ProblemException.conflict("invoice " + invoiceId + " has " + pending + " discount request(s)"
                        + " awaiting approval: approve or reject them first");
            }
            List<InvoiceLineEntity> lines = Desk.lines(em, invoiceId);
            InvoiceLines.recompute(em, inv, lines, discountsAsked, desk.coverages);
            InvoiceSettings s = desk.settings();
            LocalDate day = s.day(now);
            inv.setNumber(BillingTransactions.nextNumber(em, BillingTransactions.INVOICES, "INV", day.getYear()));
            inv.setStatus(InvoiceBalances.ISSUED);
            inv.setIssuedMs(now);
            inv.setIssuedBy(actor);
            inv.setDueDate(day.plusDays(s.paymentTermDays()).toString());
            InvoiceBalances.settle(inv); // nothing to pay (all discounted): PAID at once
            Journal.post(em, InvoicePostings.issue(InvoicePostings.ISSUED, inv, lines), day, now, actor);
            desk.events.publish(em, InvoiceIssued.TYPE, InvoiceEvents.subject(inv.getId()),
                    InvoiceEvents.issued(inv, actor));
            return new Desk.Result<>(new InvoiceViews(em).full(inv), "issued " + inv.getNumber() + ", gross "
                    + Amounts.text(inv.getGrossTotal()) + ", due " + inv.getDueDate());
        });
    }

    /**
     * POST /invoices/{id}/void: a draft's charges are open again; an issued invoice nothing was paid on is reversed
     * in the journal and its charges are open again. Paid, credited or claimed invoices are refused (409): refund
     * first, or credit.
     */
    public InvoiceViews.Invoice voidInvoice(String invoiceId, InvoiceBodies.Void in) {
        String reason = Desk.required(in == null ? null : in.reason, "reason", 500);
        return desk.change(invoiceId, "VOID", (em, inv, actor, now) -> {
            String was = inv.getStatus();
            if ("CREDIT_NOTE".equals(inv.getKind())) {
                throw ProblemException.conflict("credit note " + label(inv) + " is final: it is not voided");
            }
            if (InvoiceBalances.VOID.equals(was)) {
                throw ProblemException.conflict("invoice " + label(inv) + " is void already");
            }
            boolean issued = !InvoiceBalances.DRAFT.equals(was);
            if (issued) {
                refuseVoidOfSettled(em, inv);
            }
            inv.setStatus(InvoiceBalances.VOID);
            inv.setVoidReason(reason);
            inv.setVoidedMs(now);
            inv.setVoidedBy(actor);
            if (issued) {
                Journal.post(em, InvoicePostings.voided(inv, Desk.lines(em, invoiceId)), desk.settings().day(now),
                        now, actor);
            }
            List<ChargeEntity> charges = em.createQuery("SELECT c FROM ChargeEntity c WHERE c.invoiceId = :id",
                    ChargeEntity.class).setParameter("id", invoiceId).getResultList();
            for (ChargeEntity c : charges) {
                c.setStatus("OPEN");
                c.setInvoiceId(null);
            }
            return new Desk.Result<>(new InvoiceViews(em).full(inv), "voided " + label(inv) + " (was " + was + "), "
                    + charges.size() + " charges open again: " + reason);
        });
    }

    private static void refuseVoidOfSettled(EntityManager em, InvoiceEntity inv) {
        if (inv.getPaidByPatient().signum() != 0 || inv.getPaidByInsurance().signum() != 0) {
            throw ProblemException.conflict("invoice " + label(inv) + " has payments: refund them first, or issue a"
                    + " credit note");
        }
        long credited = em.createQuery("SELECT COUNT(i) FROM InvoiceEntity i WHERE i.creditedInvoiceId = :id",
                Long.class).setParameter("id", inv.getId()).getSingleResult();
        if (credited > 0) {
            throw ProblemException.conflict("invoice " + label(inv) + " has credit notes: credit the rest instead");
        }
        List<ClaimEntity> claims = em.createQuery("SELECT c FROM ClaimEntity c WHERE c.invoiceId = :id",
                ClaimEntity.class).setParameter("id", inv.getId()).getResultList();
        if (claims.stream().anyMatch(c -> !"DENIED".equals(c.getStatus()) && !"ERROR".equals(c.getStatus()))) {
            throw ProblemException.conflict("invoice " + label(inv) + " is claimed from the insurer: issue a credit"
                    + " note instead");
        }
    }

    static String label(InvoiceEntity i) {
        return i.getNumber() != null ? i.getNumber() : i.getId();
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.validation(field + " is required (yyyy-MM-dd)");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " is not a date (yyyy-MM-dd): " + text);
        }
    }
}
