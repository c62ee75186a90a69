package org.pavilion.billing.internal.money;

import java.math.BigDecimal;

/**
 * One invoice line's amounts, rounded once each in this order (docs/billing-api.md, "Money"):
 * <ol>
 * <li>net = quantity x unit price, rounded to the currency;</li>
 * <li>discount (already an amount of the currency; at most the net);</li>
 * <li>tax = (net - discount) x rate, rounded;</li>
 * <li>gross = net - discount + tax.</li>
 * </ol>
 * A reversal (negative quantity) rounds symmetrically: the amounts are those of the positive line, negated.
 */
public record LineAmounts(BigDecimal net, BigDecimal discount, BigDecimal tax, BigDecimal gross) {

    public static LineAmounts of(BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount, BigDecimal taxRate,
            String currency) {
        if (quantity.signum() < 0) {
            LineAmounts positive = of(quantity.negate(), unitPrice, discount.negate(), taxRate, currency);
            return new LineAmounts(positive.net.negate(), positive.discount.negate(), positive.tax.negate(),
                    positive.gross.negate());
        }
        BigDecimal net = Amounts.round(quantity.multiply(unitPrice), currency);
        BigDecimal d = Amounts.round(discount, currency);
        if (d.signum() < 0 || d.compareTo(net) > 0) {
            throw new IllegalArgumentException("a discount is from 0 to the line's net " + net + ", was " + d);
        }
        BigDecimal tax = Amounts.round(net.subtract(d).multiply(taxRate), currency);
        return new LineAmounts(net, d, tax, net.subtract(d).add(tax));
    }
}
