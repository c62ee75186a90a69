package org.pavilion.pharmacy.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The pharmacy's pages in the web UI (files under {@code /ui} of this bundle): the dispensing queue with matching,
 * dispensing and the allergy override, stock by store with receipts, transfers and adjustments, purchase orders with
 * goods receipts, the reorder list with consumption forecasts, and the portal's "my medicines" with a home card. The
 * pages speak only the REST API of docs/pharmacy-api.md; each page is listed for the users holding the privilege of
 * the REST reads it starts with.
 */
@Component(service = UiContribution.class)
public class PharmacyUi implements UiContribution {

    @Override
    public String id() {
        return "pharmacy";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/pharmacy/queue", "queue.js", "pharmacy-queue", "pharmacy.page.queue",
                        "pharmacy.dispensing.view", "clinical", 60),
                new UiPage("/pharmacy/stock", "stock.js", "pharmacy-stock", "pharmacy.page.stock",
                        "pharmacy.stock.view", "clinical", 61),
                new UiPage("/pharmacy/purchase-orders", "orders.js", "pharmacy-orders", "pharmacy.page.orders",
                        "pharmacy.purchasing.manage", "admin", 60),
                new UiPage("/pharmacy/reorder", "reorder.js", "pharmacy-reorder", "pharmacy.page.reorder",
                        "pharmacy.alerts.view", "admin", 61),
                new UiPage("/portal/medicines", "portal-medicines.js", "pharmacy-portal-medicines",
                        "pharmacy.page.portal", "pharmacy.dispensing.view-own", "portal", 50));
    }

    @Override
    public List<UiCard> cards() {
        return List.of(new UiCard("portal-card.js", "pharmacy-portal-card", "pharmacy.card.medicines",
                "pharmacy.dispensing.view-own", 50));
    }
}
