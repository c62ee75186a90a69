package org.pavilion.billing.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * Billing's pages in the web UI (files under {@code /ui} of this bundle): the cashier's desk (a patient's open
 * charges, the invoice of an encounter, discount, issue, payment with its receipt, refund, the day's till and its
 * close), invoices with their PDF, void and credit note, the claims board, the price list, and the portal's "my bills"
 * with "pay now" and a home card. The pages speak only the REST API of docs/billing-api.md; each page is listed for
 * the users holding the privilege of the REST read it starts with.
 */
@Component(service = UiContribution.class)
public class BillingUi implements UiContribution {

    @Override
    public String id() {
        return "billing";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/billing/desk", "desk.js", "billing-desk", "billing.page.desk",
                        "billing.charges.view", "patients", 70),
                new UiPage("/billing/invoices", "invoices.js", "billing-invoices", "billing.page.invoices",
                        "billing.invoices.view", "patients", 71),
                new UiPage("/billing/claims", "claims.js", "billing-claims", "billing.page.claims",
                        "billing.claims.manage", "admin", 80),
                new UiPage("/billing/prices", "prices.js", "billing-prices", "billing.page.prices",
                        "billing.prices.view", "admin", 81),
                new UiPage("/portal/bills", "portal-bills.js", "billing-portal-bills", "billing.page.portal",
                        "billing.invoices.view-own", "portal", 70));
    }

    @Override
    public List<UiCard> cards() {
        return List.of(new UiCard("portal-card.js", "billing-portal-card", "billing.card.bills",
                "billing.invoices.view-own", 70));
    }
}
