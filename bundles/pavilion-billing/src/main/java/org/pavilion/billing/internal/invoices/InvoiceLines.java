package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.insurance.Coverages;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.billing.internal.money.LineAmounts;
import org.pavilion.core.api.rest.ProblemException;

/**
 * An invoice's amounts: its lines from charges ({@link LineAmounts}, rounded once per line), the approved discounts
 * put on the lines, the insurance split per line ({@link Coverages}) and the totals as sums of the rounded lines.
 */
final class InvoiceLines {

    static final String REQUESTED = "REQUESTED";
    static final String APPROVED = "APPROVED";
    static final String REJECTED = "REJECTED";

    private InvoiceLines() {
    }

    /** Line {@code lineNo} of a charge, without discount; amounts and shares are set by {@link #recompute}. */
    static InvoiceLineEntity of(String invoiceId, int lineNo, ChargeEntity c) {
        InvoiceLineEntity l = new InvoiceLineEntity();
        l.setId(UUID.randomUUID().toString());
        l.setInvoiceId(invoiceId);
        l.setLineNo(lineNo);
        l.setChargeId(c.getId());
        l.setPriceCode(c.getPriceCode());
        l.setDescription(c.getDescription());
        l.setCategory(c.getCategory());
        l.setDepartment(c.getDepartment());
        l.setDoctorId(c.getDoctorId());
        l.setServiceDate(c.getServiceDate());
        l.setQuantity(c.getQuantity());
        l.setUnitPrice(c.getUnitPrice());
        l.setTaxRate(c.getTaxRate());
        return l;
    }

    /** A discount's percent (10 is 10 %): above 0, at most 100, at most 2 decimals; 422 otherwise. */
    static BigDecimal percent(String text) {
        BigDecimal p;
        try {
            p = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.unprocessable("percent is not a decimal number: " + text);
        }
        if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0 || p.stripTrailingZeros().scale() > 2) {
            throw ProblemException.unprocessable("percent is above 0 and at most 100, with at most 2 decimals (10 is"
                    + " 10 %), was " + text);
        }
        return p.setScale(Amounts.RATE_SCALE);
    }

    /**
     * Puts the approved {@code discounts} on {@code lines} (a line's own, and the whole invoice's spread over its
     * positive lines by their net), recomputes each line, splits them by the patient's insurance and sets the
     * invoice's totals. 422 when the discounts come to more than a line's net.
     */
    static void recompute(EntityManager em, InvoiceEntity inv, List<InvoiceLineEntity> lines,
            List<DiscountEntity> discounts, Coverages coverages) {
        String currency = inv.getCurrency();
        Map<String, BigDecimal> off = discountsByLine(lines, discounts, currency);
        for (InvoiceLineEntity l : lines) {
            BigDecimal d = off.getOrDefault(l.getId(), BigDecimal.ZERO);
            BigDecimal net = Amounts.round(l.getQuantity().abs().multiply(l.getUnitPrice()), currency);
            if (d.compareTo(net) > 0) {
                throw ProblemException.unprocessable("the discounts on line " + l.getLineNo() + " (" + d.toPlainString()
                        + ") are more than its net " + net.toPlainString());
            }
            LineAmounts a = LineAmounts.of(l.getQuantity(), l.getUnitPrice(),
                    l.getQuantity().signum() < 0 ? d.negate() : d, l.getTaxRate(), currency);
            l.setNet(a.net());
            l.setDiscount(a.discount());
            l.setTax(a.tax());
            l.setGross(a.gross());
        }
        split(em, inv, lines, coverages);
        totals(inv, lines);
    }

    /** The insurance and patient share of each line by the patient's policy on the last service date. */
    private static void split(EntityManager em, InvoiceEntity inv, List<InvoiceLineEntity> lines, Coverages coverages) {
        String currency = inv.getCurrency();
        LocalDate last = lines.stream().map(l -> LocalDate.parse(l.getServiceDate())).max(LocalDate::compareTo)
                .orElseThrow();
        // A reversal (a medicine returned) is split as the item it reverses, negated.
        List<Coverages.Item> items = lines.stream().map(l -> new Coverages.Item(l.getCategory(), l.getGross().abs()))
                .toList();
        Optional<Coverages.Split> split = coverages.split(em, inv.getPatientId(), last, items, currency);
        inv.setPolicyId(split.map(Coverages.Split::policyId).orElse(null));
        for (int n = 0; n < lines.size(); n++) {
            InvoiceLineEntity l = lines.get(n);
            BigDecimal insurance = split.isPresent() ? split.get().shares().get(n).insurance() : Amounts.zero(currency);
            if (l.getGross().signum() < 0) {
                insurance = insurance.negate();
            }
            l.setInsuranceShare(Amounts.round(insurance, currency));
            l.setPatientShare(l.getGross().subtract(l.getInsuranceShare()));
        }
    }

    /** The invoice's totals: sums of its rounded lines. */
    static void totals(InvoiceEntity inv, List<InvoiceLineEntity> lines) {
        BigDecimal zero = Amounts.zero(inv.getCurrency());
        BigDecimal net = zero;
        BigDecimal discount = zero;
        BigDecimal tax = zero;
        BigDecimal gross = zero;
        BigDecimal insurance = zero;
        BigDecimal patient = zero;
        for (InvoiceLineEntity l : lines) {
            net = net.add(l.getNet());
            discount = discount.add(l.getDiscount());
            tax = tax.add(l.getTax());
            gross = gross.add(l.getGross());
            insurance = insurance.add(l.getInsuranceShare());
            patient = patient.add(l.getPatientShare());
        }
        inv.setNetTotal(net);
        inv.setDiscountTotal(discount);
        inv.setTaxTotal(tax);
        inv.setGrossTotal(gross);
        inv.setInsuranceShare(insurance);
        inv.setPatientShare(patient);
    }

    /** Each line's discount amount from the approved discounts. */
    private static Map<String, BigDecimal> discountsByLine(List<InvoiceLineEntity> lines,
            List<DiscountEntity> discounts, String currency) {
        Map<String, BigDecimal> off = new HashMap<>();
        List<InvoiceLineEntity> positive = lines.stream().filter(l -> l.getQuantity().signum() > 0).toList();
        for (DiscountEntity d : discounts) {
            if (!APPROVED.equals(d.getStatus())) {
                continue;
            }
            if (d.getLineId() != null) {
                InvoiceLineEntity l = lines.stream().filter(x -> x.getId().equals(d.getLineId())).findFirst()
                        .orElseThrow(() -> ProblemException.unprocessable("discount " + d.getId() + " names no line"
                                + " of the invoice"));
                off.merge(l.getId(), amountOn(d, net(l, currency), currency), BigDecimal::add);
            } else if (d.getPercent() != null) {
                for (InvoiceLineEntity l : positive) {
                    off.merge(l.getId(), amountOn(d, net(l, currency), currency), BigDecimal::add);
                }
            } else {
                spread(d.getAmount(), positive, currency).forEach((id, a) -> off.merge(id, a, BigDecimal::add));
            }
        }
        return off;
    }

    private static BigDecimal net(InvoiceLineEntity l, String currency) {
        return Amounts.round(l.getQuantity().multiply(l.getUnitPrice()), currency);
    }

    /** A discount's amount on a line of {@code net}: its amount, or its percent of the net rounded half up. */
    private static BigDecimal amountOn(DiscountEntity d, BigDecimal net, String currency) {
        return d.getPercent() == null ? Amounts.round(d.getAmount(), currency)
                : Amounts.round(net.multiply(d.getPercent()).movePointLeft(2), currency);
    }

    /**
     * A whole-invoice amount spread over the lines by their net, each part rounded half up; the rounding difference
     * goes to the largest line, so the parts add up to the amount.
     */
    private static Map<String, BigDecimal> spread(BigDecimal amount, List<InvoiceLineEntity> lines, String currency) {
        Map<String, BigDecimal> parts = new HashMap<>();
        BigDecimal total = lines.stream().map(l -> net(l, currency)).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() <= 0) {
            throw ProblemException.unprocessable("the invoice has no line to discount");
        }
        BigDecimal given = BigDecimal.ZERO;
        InvoiceLineEntity largest = null;
        for (InvoiceLineEntity l : lines) {
            BigDecimal part = Amounts.round(amount.multiply(net(l, currency)).divide(total, 10, RoundingMode.HALF_UP),
                    currency);
            parts.put(l.getId(), part);
            given = given.add(part);
            if (largest == null || net(l, currency).compareTo(net(largest, currency)) > 0) {
                largest = l;
            }
        }
        parts.merge(largest.getId(), Amounts.round(amount, currency).subtract(given), BigDecimal::add);
        return parts;
    }

    /** The lines of a new invoice: one per charge, numbered from 1. */
    static List<InvoiceLineEntity> ofCharges(String invoiceId, List<ChargeEntity> charges) {
        List<InvoiceLineEntity> lines = new ArrayList<>();
        for (ChargeEntity c : charges) {
            lines.add(of(invoiceId, lines.size() + 1, c));
        }
        return lines;
    }
}
