package org.pavilion.billing.internal.pricing;

/** {@code GET /prices/quote}: what a tariff code costs on a day, with its tax rate then. */
public class QuoteDto {
    public String code;
    public String name;
    public String category;
    public String unitPrice;
    public String taxCategory;
    public String taxRate;
    public String currency;

    static QuoteDto of(PriceList.Price p) {
        QuoteDto q = new QuoteDto();
        q.code = p.code();
        q.name = p.name();
        q.category = p.category();
        q.unitPrice = PriceSnapshot.priceText(p.unitPrice(), p.currency());
        q.taxCategory = p.taxCategory();
        q.taxRate = PriceSnapshot.rateText(p.taxRate());
        q.currency = p.currency();
        return q;
    }
}
