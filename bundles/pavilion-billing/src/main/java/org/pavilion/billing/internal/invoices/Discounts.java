package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.CallerContext;

/**
 * Discounts on a draft: asked for by the billing desk (a line's, or the whole invoice's spread over its lines), applied
 * only once another user holding {@value #APPROVE} approves; the lines are then computed again.
 */
final class Discounts {

    static final String APPROVE = "billing.discount.approve";

    private final Desk desk;

    Discounts(Desk desk) {
        this.desk = desk;
    }

    InvoiceViews.Discount request(String invoiceId, InvoiceBodies.Discount in) {
        // its declared rules were checked by InvoiceService: a reason, and an amount or a percent
        String reason = in.reason.strip();
        boolean byAmount = in.amount != null && !in.amount.isBlank();
        boolean byPercent = !byAmount;
        String lineId = in.lineId == null || in.lineId.isBlank() ? null : in.lineId.strip();
        return desk.change(invoiceId, "DISCOUNT", (em, inv, actor, now) -> {
            if (!InvoiceBalances.DRAFT.equals(inv.getStatus())) {
                throw ProblemException.conflict("invoice " + InvoiceService.label(inv) + " is " + inv.getStatus()
                        + ": discounts are asked for on drafts only");
            }
            BigDecimal amount = byAmount ? Amounts.parse("amount", in.amount, inv.getCurrency(), false) : null;
            BigDecimal percent = byPercent ? InvoiceLines.percent(in.percent) : null;
            if (amount != null && amount.signum() == 0) {
                throw ProblemException.unprocessable("amount must be above 0");
            }
            List<InvoiceLineEntity> lines = Desk.lines(em, invoiceId);
            BigDecimal room;
            if (lineId != null) {
                InvoiceLineEntity line = lines.stream().filter(l -> l.getId().equals(lineId)).findFirst().orElseThrow(
                        () -> ProblemException.unprocessable("line " + lineId + " is not a line of this invoice"));
                if (line.getQuantity().signum() < 0) {
                    throw ProblemException.unprocessable("line " + line.getLineNo() + " is a reversal: no discount");
                }
                room = line.getNet().subtract(line.getDiscount());
            } else {
                room = lines.stream().filter(l -> l.getQuantity().signum() > 0)
                        .map(l -> l.getNet().subtract(l.getDiscount())).reduce(BigDecimal.ZERO, BigDecimal::add);
            }
            if (amount != null && amount.compareTo(room) > 0) {
                throw ProblemException.unprocessable("a discount of " + amount.toPlainString() + " is more than the "
                        + room.toPlainString() + " left to discount on " + (lineId == null ? "the invoice" : "the line"));
            }
            DiscountEntity d = new DiscountEntity();
            d.setId(UUID.randomUUID().toString());
            d.setInvoiceId(invoiceId);
            d.setLineId(lineId);
            d.setAmount(amount);
            d.setPercent(percent);
            d.setReason(reason);
            d.setStatus(InvoiceLines.REQUESTED);
            d.setRequestedBy(actor);
            d.setRequestedMs(now);
            em.persist(d);
            return new Desk.Result<>(InvoiceViews.discount(d), "discount asked: " + (amount != null
                    ? amount.toPlainString() : percent.stripTrailingZeros().toPlainString() + " %") + " on "
                    + (lineId == null ? "the invoice" : "line " + lineId) + ": " + reason);
        });
    }

    InvoiceViews.Invoice decide(String invoiceId, String discountId, boolean approve) {
        if (CallerContext.current().map(c -> !c.hasPrivilege(APPROVE)).orElse(false)) {
            throw ProblemException.forbidden("deciding on a discount needs the privilege " + APPROVE);
        }
        return desk.change(invoiceId, approve ? "APPROVE_DISCOUNT" : "REJECT_DISCOUNT", false, (em, inv, actor,
                now) -> {
            DiscountEntity d = em.find(DiscountEntity.class, discountId);
            if (d == null || !d.getInvoiceId().equals(invoiceId)) {
                throw ProblemException.notFound("Discount", discountId);
            }
            if (!InvoiceBalances.DRAFT.equals(inv.getStatus())) {
                throw ProblemException.conflict("invoice " + InvoiceService.label(inv) + " is " + inv.getStatus()
                        + ": discounts are decided on drafts only");
            }
            if (!InvoiceLines.REQUESTED.equals(d.getStatus())) {
                throw ProblemException.conflict("discount " + discountId + " is " + d.getStatus() + " already");
            }
            if (d.getRequestedBy().equals(actor)) {
                throw new ProblemException(409, "same-user-approval", "Approval by the requester",
                        "discount " + discountId + " was asked for by " + actor + ": another user decides on it");
            }
            d.setStatus(approve ? InvoiceLines.APPROVED : InvoiceLines.REJECTED);
            d.setDecidedBy(actor);
            d.setDecidedMs(now);
            if (approve) {
                InvoiceLines.recompute(em, inv, Desk.lines(em, invoiceId), Desk.discounts(em, invoiceId),
                        desk.coverages);
            }
            return new Desk.Result<>(new InvoiceViews(em).full(inv), (approve ? "approved" : "rejected")
                    + " discount " + discountId + " asked by " + d.getRequestedBy() + "; gross now "
                    + Amounts.text(inv.getGrossTotal()));
        });
    }
}
