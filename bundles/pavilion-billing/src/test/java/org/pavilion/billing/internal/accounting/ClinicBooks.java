package org.pavilion.billing.internal.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.invoices.InvoiceLineEntity;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.billing.internal.money.LineAmounts;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.billing.internal.pricing.PriceList;
import org.pavilion.core.api.persistence.AuditedTransaction;

/**
 * Writes a clinic's financial documents straight into the tables, each with the journal entry the owning part posts
 * for it (docs/billing-api.md: issue, void, credit note, payment, claim adjudication) through {@link Journal#post},
 * so the readers under test see what the invoices, payments and insurance parts will leave behind. Every document is
 * written at 10:00 on its day in {@link #ZONE} and numbered by the year's counters as the parts do. Currency EUR.
 */
public final class ClinicBooks {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final String EUR = BillingDatabase.EUR;

    private final BillingDatabase db;

    public ClinicBooks(BillingDatabase db) {
        this.db = db;
    }

    /** A line to invoice: {@code insured} the fraction of its gross the patient's plan covers (0 without one). */
    public record Item(String priceCode, String category, String doctorId, String quantity, String unitPrice,
            String taxRate, String discount, String insured) {
    }

    public static Item item(String priceCode, String category, String doctorId, String quantity, String unitPrice,
            String taxRate) {
        return new Item(priceCode, category, doctorId, quantity, unitPrice, taxRate, "0", "0");
    }

    public static Item insured(Item i, String fraction) {
        return new Item(i.priceCode, i.category, i.doctorId, i.quantity, i.unitPrice, i.taxRate, i.discount, fraction);
    }

    public static Item discounted(Item i, String discount) {
        return new Item(i.priceCode, i.category, i.doctorId, i.quantity, i.unitPrice, i.taxRate, discount, i.insured);
    }

    public static long at(LocalDate day) {
        return day.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant().toEpochMilli();
    }

    /** An invoice issued on {@code day}, due 30 days later, numbered INV-yyyy-nnnnnn, posted; its id. */
    public String issue(String patientId, LocalDate day, String policyId, Item... items) {
        String id = UUID.randomUUID().toString();
        write(day, em -> {
            String number = BillingTransactions.nextNumber(em, BillingTransactions.INVOICES, "INV", day.getYear());
            InvoiceEntity i = invoice(id, number, "INVOICE", patientId, day, policyId);
            i.setDueDate(day.plusDays(30).toString());
            List<InvoiceLineEntity> lines = new ArrayList<>();
            int n = 1;
            for (Item item : items) {
                InvoiceLineEntity l = new InvoiceLineEntity();
                l.setId(UUID.randomUUID().toString());
                l.setInvoiceId(id);
                l.setLineNo(n++);
                l.setPriceCode(item.priceCode);
                l.setDescription(item.priceCode);
                l.setCategory(item.category);
                l.setDepartment(PriceList.departmentOf(item.category));
                l.setDoctorId(item.doctorId);
                l.setServiceDate(day.toString());
                l.setQuantity(new BigDecimal(item.quantity).setScale(Amounts.QUANTITY_SCALE));
                l.setUnitPrice(new BigDecimal(item.unitPrice).setScale(Amounts.PRICE_SCALE));
                l.setTaxRate(new BigDecimal(item.taxRate).setScale(Amounts.RATE_SCALE));
                LineAmounts a = LineAmounts.of(l.getQuantity(), l.getUnitPrice(), new BigDecimal(item.discount),
                        l.getTaxRate(), EUR);
                amounts(l, a, Amounts.round(a.gross().multiply(new BigDecimal(item.insured)), EUR));
                lines.add(l);
            }
            totals(i, lines);
            em.persist(i);
            lines.forEach(em::persist);
            return Journal.post(em, posting("INVOICE_ISSUED", i, lines, false), day, at(day), "billing.clerk");
        });
        return id;
    }

    /**
     * Posts the issue of an invoice written by someone else (BillingDatabase's seeds post nothing), moving its issue
     * to {@code day} and its due date to {@code due}.
     */
    public void postIssue(String invoiceId, LocalDate day, LocalDate due) {
        write(day, em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            i.setIssuedMs(at(day));
            i.setDueDate(due.toString());
            return Journal.post(em, posting("INVOICE_ISSUED", i, lines(em, invoiceId), false), day, at(day),
                    "billing.clerk");
        });
    }

    /** Voids an issued invoice without payments on {@code day}: the exact reverse entry. */
    public void voidInvoice(String invoiceId, LocalDate day) {
        write(day, em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            i.setStatus(InvoiceBalances.VOID);
            i.setVoidReason("issued to the wrong patient");
            i.setVoidedMs(at(day));
            i.setVoidedBy("billing.lead");
            return Journal.post(em, posting("INVOICE_VOIDED", i, lines(em, invoiceId), true), day, at(day),
                    "billing.lead");
        });
    }

    /** A credit note of the invoice's line {@code lineNo} on {@code day}, lowering the invoice's shares; its id. */
    public String creditNote(String invoiceId, int lineNo, LocalDate day) {
        String id = UUID.randomUUID().toString();
        write(day, em -> {
            String number = BillingTransactions.nextNumber(em, BillingTransactions.CREDIT_NOTES, "CN", day.getYear());
            InvoiceEntity credited = em.find(InvoiceEntity.class, invoiceId);
            InvoiceLineEntity line = lines(em, invoiceId).stream().filter(l -> l.getLineNo() == lineNo).findFirst()
                    .orElseThrow();
            InvoiceEntity cn = invoice(id, number, "CREDIT_NOTE", credited.getPatientId(), day, credited.getPolicyId());
            cn.setCreditedInvoiceId(invoiceId);
            InvoiceLineEntity l = new InvoiceLineEntity();
            l.setId(UUID.randomUUID().toString());
            l.setInvoiceId(id);
            l.setLineNo(1);
            l.setChargeId(line.getChargeId());
            l.setPriceCode(line.getPriceCode());
            l.setDescription(line.getDescription());
            l.setCategory(line.getCategory());
            l.setDepartment(line.getDepartment());
            l.setDoctorId(line.getDoctorId());
            l.setServiceDate(line.getServiceDate());
            l.setQuantity(line.getQuantity().negate());
            l.setUnitPrice(line.getUnitPrice());
            l.setTaxRate(line.getTaxRate());
            amounts(l, LineAmounts.of(l.getQuantity(), l.getUnitPrice(), line.getDiscount(), l.getTaxRate(), EUR),
                    line.getInsuranceShare().negate());
            totals(cn, List.of(l));
            em.persist(cn);
            em.persist(l);
            credited.setPatientShare(credited.getPatientShare().add(l.getPatientShare()));
            credited.setInsuranceShare(credited.getInsuranceShare().add(l.getInsuranceShare()));
            InvoiceBalances.settle(credited);
            return Journal.post(em, posting("CREDIT_NOTE", cn, List.of(l), false), day, at(day), "billing.clerk");
        });
        return id;
    }

    /** A payment of {@code amount} by CASH, CARD, BANK_TRANSFER or INSURANCE on {@code day}; its id. */
    public String pay(String invoiceId, String amount, String method, LocalDate day) {
        String id = UUID.randomUUID().toString();
        BigDecimal paid = new BigDecimal(amount);
        boolean insurer = method.equals("INSURANCE");
        write(day, em -> {
            String receipt = BillingTransactions.nextNumber(em, BillingTransactions.RECEIPTS, "RCPT", day.getYear());
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            InvoiceBalances.pay(i, insurer, paid);
            PaymentEntity p = new PaymentEntity();
            p.setId(id);
            p.setReceiptNumber(receipt);
            p.setInvoiceId(invoiceId);
            p.setPatientId(i.getPatientId());
            p.setKind("PAYMENT");
            p.setMethod(method);
            p.setPayer(insurer ? "INSURANCE" : "PATIENT");
            p.setAmount(paid);
            p.setCurrency(EUR);
            p.setReference(method.equals("CASH") ? null : "REF-" + receipt);
            p.setCashier("cashier.lee");
            p.setReceivedMs(at(day));
            p.setBusinessDay(day.toString());
            em.persist(p);
            Account into = switch (method) {
                case "CASH" -> Account.CASH;
                case "CARD" -> Account.CARD;
                case "ONLINE" -> Account.ONLINE;
                default -> Account.BANK;
            };
            return Journal.post(em, new Posting("PAYMENT", "PAYMENT", id, receipt).move(paid, into,
                    insurer ? Account.RECEIVABLE_INSURERS : Account.RECEIVABLE_PATIENTS), day, at(day), "cashier.lee");
        });
        return id;
    }

    /** A claim of the invoice's insurance share submitted on {@code day}, still SUBMITTED; its id. */
    public String claim(String invoiceId, LocalDate day) {
        String id = UUID.randomUUID().toString();
        write(day, em -> {
            String number = BillingTransactions.nextNumber(em, BillingTransactions.CLAIMS, "CLM", day.getYear());
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            ClaimEntity c = new ClaimEntity();
            c.setId(id);
            c.setNumber(number);
            c.setInvoiceId(invoiceId);
            c.setPolicyId(i.getPolicyId());
            c.setPatientId(i.getPatientId());
            c.setStatus("SUBMITTED");
            c.setClaimedAmount(i.getInsuranceShare());
            c.setSubmittedMs(at(day));
            c.setSubmittedBy("billing.clerk");
            em.persist(c);
            return null;
        });
        return id;
    }

    /**
     * The insurer's answer on {@code day}: {@code approved} of the claimed amount (APPROVED, PARTLY_APPROVED or
     * DENIED); what it does not pay moves to the patient (journal CLAIM_ADJUDICATED).
     */
    public void adjudicate(String claimId, String approved, LocalDate day) {
        write(day, em -> {
            ClaimEntity c = em.find(ClaimEntity.class, claimId);
            BigDecimal ok = new BigDecimal(approved);
            BigDecimal refused = c.getClaimedAmount().subtract(ok);
            c.setStatus(refused.signum() == 0 ? "APPROVED" : ok.signum() == 0 ? "DENIED" : "PARTLY_APPROVED");
            c.setApprovedAmount(ok);
            c.setReason(refused.signum() == 0 ? null : "not covered in full");
            c.setAdjudicatedMs(at(day));
            InvoiceEntity i = em.find(InvoiceEntity.class, c.getInvoiceId());
            InvoiceBalances.shiftToPatient(i, refused);
            return Journal.post(em, new Posting("CLAIM_ADJUDICATED", "CLAIM", claimId, c.getNumber()).move(refused,
                    Account.RECEIVABLE_PATIENTS, Account.RECEIVABLE_INSURERS), day, at(day), "system");
        });
    }

    /**
     * The issue's entry (per line: receivables debited with the shares, revenue of the department credited with net
     * - discount, tax payable with the tax), or its exact reverse.
     */
    private static Posting posting(String kind, InvoiceEntity i, List<InvoiceLineEntity> lines, boolean reverse) {
        Posting p = new Posting(kind, "INVOICE", i.getId(), i.getNumber());
        for (InvoiceLineEntity l : lines) {
            BigDecimal sign = reverse ? BigDecimal.ONE.negate() : BigDecimal.ONE;
            BigDecimal revenue = l.getNet().subtract(l.getDiscount()).multiply(sign);
            Account account = Account.revenue(l.getDepartment());
            // what the line earns is owed first by the patient; the insurer's share is then moved to its account
            p.move(revenue, Account.RECEIVABLE_PATIENTS, account, l.getDepartment(), l.getDoctorId());
            p.move(l.getTax().multiply(sign), Account.RECEIVABLE_PATIENTS, Account.TAX_PAYABLE);
            p.move(l.getInsuranceShare().multiply(sign), Account.RECEIVABLE_INSURERS, Account.RECEIVABLE_PATIENTS);
        }
        return p;
    }

    private static InvoiceEntity invoice(String id, String number, String kind, String patientId, LocalDate day,
            String policyId) {
        InvoiceEntity i = new InvoiceEntity();
        i.setId(id);
        i.setNumber(number);
        i.setKind(kind);
        i.setPatientId(patientId);
        i.setStatus(InvoiceBalances.ISSUED);
        i.setCurrency(EUR);
        i.setPolicyId(policyId);
        i.setPaidByPatient(Amounts.zero(EUR));
        i.setPaidByInsurance(Amounts.zero(EUR));
        i.setCreatedMs(at(day));
        i.setCreatedBy("billing.clerk");
        i.setIssuedMs(at(day));
        i.setIssuedBy("billing.clerk");
        return i;
    }

    private static void amounts(InvoiceLineEntity l, LineAmounts a, BigDecimal insurance) {
        l.setNet(a.net());
        l.setDiscount(a.discount());
        l.setTax(a.tax());
        l.setGross(a.gross());
        l.setInsuranceShare(insurance);
        l.setPatientShare(a.gross().subtract(insurance));
    }

    private static void totals(InvoiceEntity i, List<InvoiceLineEntity> lines) {
        BigDecimal net = Amounts.zero(EUR);
        BigDecimal discount = Amounts.zero(EUR);
        BigDecimal tax = Amounts.zero(EUR);
        BigDecimal gross = Amounts.zero(EUR);
        BigDecimal insurance = Amounts.zero(EUR);
        for (InvoiceLineEntity l : lines) {
            net = net.add(l.getNet());
            discount = discount.add(l.getDiscount());
            tax = tax.add(l.getTax());
            gross = gross.add(l.getGross());
            insurance = insurance.add(l.getInsuranceShare());
        }
        i.setNetTotal(net);
        i.setDiscountTotal(discount);
        i.setTaxTotal(tax);
        i.setGrossTotal(gross);
        i.setInsuranceShare(insurance);
        i.setPatientShare(gross.subtract(insurance));
    }

    private static List<InvoiceLineEntity> lines(EntityManager em, String invoiceId) {
        return em.createQuery("SELECT l FROM InvoiceLineEntity l WHERE l.invoiceId = :id ORDER BY l.lineNo",
                InvoiceLineEntity.class).setParameter("id", invoiceId).getResultList();
    }

    private void write(LocalDate day, java.util.function.Function<EntityManager, Object> work) {
        BillingTransactions.run(db.emf, event -> { }, "the clinic's books on " + day,
                em -> new AuditedTransaction.Done<>(work.apply(em), List.of()));
    }
}
