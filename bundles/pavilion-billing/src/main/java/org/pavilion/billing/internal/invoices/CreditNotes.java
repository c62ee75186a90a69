package org.pavilion.billing.internal.invoices;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.billing.api.InvoiceIssued;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.accounting.Journal;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.billing.internal.money.LineAmounts;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Credit notes: issued at once (CN-yyyy-nnnnnn), the chosen lines of an issued invoice negated, posted as
 * CREDIT_NOTE; the credited invoice's shares go down by the credited shares ({@link InvoiceBalances#credit}). What
 * was paid on it stays: when it is now more than the patient's share the balance is negative, a refund due, which
 * the cashier pays out as a refund of the payment. A line is credited at most once.
 */
final class CreditNotes {

    private final Desk desk;

    CreditNotes(Desk desk) {
        this.desk = desk;
    }

    InvoiceViews.Invoice credit(String invoiceId, InvoiceBodies.CreditNote in) {
        String reason = Desk.required(in == null ? null : in.reason, "reason", 500);
        Set<String> asked = new LinkedHashSet<>();
        if (in.lineIds != null) {
            for (String id : in.lineIds) {
                asked.add(Desk.required(id, "lineIds[]", 36));
            }
        }
        // The credited invoice's version is raised: two credit notes of one line at once end with one and a 409.
        return desk.change(invoiceId, "CREDIT", (em, inv, actor, now) -> {
            if (!"INVOICE".equals(inv.getKind()) || InvoiceBalances.DRAFT.equals(inv.getStatus())
                    || InvoiceBalances.VOID.equals(inv.getStatus())) {
                throw ProblemException.conflict(("INVOICE".equals(inv.getKind()) ? "invoice " : "credit note ")
                        + InvoiceService.label(inv) + " is " + inv.getStatus() + ": only an issued invoice is credited");
            }
            List<InvoiceLineEntity> chosen = chosen(em, inv, asked);
            LocalDate day = desk.settings().day(now);
            InvoiceEntity cn = note(inv, reason, actor, now);
            cn.setNumber(BillingTransactions.nextNumber(em, BillingTransactions.CREDIT_NOTES, "CN", day.getYear()));
            List<InvoiceLineEntity> lines = new ArrayList<>();
            for (InvoiceLineEntity l : chosen) {
                lines.add(negated(cn, lines.size() + 1, l));
            }
            InvoiceLines.totals(cn, lines);
            em.persist(cn);
            lines.forEach(em::persist);
            InvoiceBalances.credit(inv, cn.getInsuranceShare().negate(), cn.getPatientShare().negate());
            Journal.post(em, InvoicePostings.issue(InvoicePostings.CREDIT_NOTE, cn, lines), day, now, actor);
            desk.events.publish(em, InvoiceIssued.TYPE, InvoiceEvents.subject(cn.getId()),
                    InvoiceEvents.issued(cn, actor));
            return new Desk.Result<>(new InvoiceViews(em).full(cn), "credit note " + cn.getNumber() + " of "
                    + InvoiceService.label(inv) + ", " + lines.size() + " lines, " + Amounts.text(cn.getGrossTotal())
                    + "; patient balance now " + Amounts.text(InvoiceBalances.patientBalance(inv)) + ": " + reason);
        });
    }

    /** The lines to credit: those asked for (all when none), none credited before. */
    private static List<InvoiceLineEntity> chosen(EntityManager em, InvoiceEntity inv, Set<String> asked) {
        List<InvoiceLineEntity> lines = Desk.lines(em, inv.getId());
        Set<String> credited = new LinkedHashSet<>(em.createQuery("SELECT l.creditedLineId FROM InvoiceLineEntity l,"
                + " InvoiceEntity n WHERE l.invoiceId = n.id AND n.creditedInvoiceId = :id", String.class)
                .setParameter("id", inv.getId()).getResultList());
        List<InvoiceLineEntity> chosen = new ArrayList<>();
        for (String id : asked) {
            InvoiceLineEntity l = lines.stream().filter(x -> x.getId().equals(id)).findFirst().orElseThrow(
                    () -> ProblemException.unprocessable("line " + id + " is not a line of " + InvoiceService.label(inv)));
            if (credited.contains(id)) {
                throw ProblemException.conflict("line " + l.getLineNo() + " of " + InvoiceService.label(inv)
                        + " is credited already");
            }
            chosen.add(l);
        }
        if (asked.isEmpty()) {
            lines.stream().filter(l -> !credited.contains(l.getId())).forEach(chosen::add);
            if (chosen.isEmpty()) {
                throw ProblemException.conflict("every line of " + InvoiceService.label(inv) + " is credited already");
            }
        }
        return chosen;
    }

    private static InvoiceEntity note(InvoiceEntity inv, String reason, String actor, long now) {
        InvoiceEntity cn = new InvoiceEntity();
        cn.setId(UUID.randomUUID().toString());
        cn.setKind("CREDIT_NOTE");
        cn.setCreditedInvoiceId(inv.getId());
        cn.setPatientId(inv.getPatientId());
        cn.setEncounterId(inv.getEncounterId());
        cn.setPeriodFrom(inv.getPeriodFrom());
        cn.setPeriodTo(inv.getPeriodTo());
        // Final at once; nothing is paid on a credit note, so it stays ISSUED (its balance is the credited invoice's).
        cn.setStatus(InvoiceBalances.ISSUED);
        cn.setCurrency(inv.getCurrency());
        cn.setPaidByPatient(Amounts.zero(inv.getCurrency()));
        cn.setPaidByInsurance(Amounts.zero(inv.getCurrency()));
        cn.setPolicyId(inv.getPolicyId());
        cn.setCreatedMs(now);
        cn.setCreatedBy(actor);
        cn.setIssuedMs(now);
        cn.setIssuedBy(actor);
        cn.setVoidReason(null);
        return cn;
    }

    /** The credited line negated: the same amounts (LineAmounts of the negative quantity), the same shares negated. */
    private static InvoiceLineEntity negated(InvoiceEntity cn, int lineNo, InvoiceLineEntity l) {
        LineAmounts a = LineAmounts.of(l.getQuantity().negate(), l.getUnitPrice(), l.getDiscount().negate(),
                l.getTaxRate(), cn.getCurrency());
        if (a.gross().compareTo(l.getGross().negate()) != 0) { // a line is never printed with other amounts
            throw new IllegalStateException("line " + l.getId() + " does not recompute to its amounts");
        }
        InvoiceLineEntity n = new InvoiceLineEntity();
        n.setId(UUID.randomUUID().toString());
        n.setInvoiceId(cn.getId());
        n.setLineNo(lineNo);
        n.setChargeId(l.getChargeId());
        n.setCreditedLineId(l.getId());
        n.setPriceCode(l.getPriceCode());
        n.setDescription(l.getDescription());
        n.setCategory(l.getCategory());
        n.setDepartment(l.getDepartment());
        n.setDoctorId(l.getDoctorId());
        n.setServiceDate(l.getServiceDate());
        n.setQuantity(l.getQuantity().negate());
        n.setUnitPrice(l.getUnitPrice());
        n.setNet(a.net());
        n.setDiscount(a.discount());
        n.setTaxRate(l.getTaxRate());
        n.setTax(a.tax());
        n.setGross(a.gross());
        n.setInsuranceShare(l.getInsuranceShare().negate());
        n.setPatientShare(l.getPatientShare().negate());
        return n;
    }
}
