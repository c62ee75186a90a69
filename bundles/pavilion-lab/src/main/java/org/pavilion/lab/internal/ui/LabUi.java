package org.pavilion.lab.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The laboratory's pages in the web UI (files under {@code /ui} of this bundle): the technician's worklist with result
 * entry and verification, the chart's lab tab (orders, ordering, results and trends), the doctor's results inbox, the
 * catalogue editor, a specimen label print view, and the portal's results with a home card. The pages speak only the
 * REST API of docs/lab-api.md; shown by the web shell when {@code pavilion-web} is installed, nothing here needs it.
 */
@Component(service = UiContribution.class)
public class LabUi implements UiContribution {

    @Override
    public String id() {
        return "lab";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/lab/worklist", "worklist.js", "lab-worklist", "lab.page.worklist",
                        "lab.specimen.receive", "clinical", 40),
                new UiPage("/lab/inbox", "inbox.js", "lab-inbox", "lab.page.inbox", "lab.result.view", "clinical", 41),
                new UiPage("/chart/lab", "chart-lab.js", "lab-chart", "lab.page.chart", "lab.order.view", "chart", 50),
                new UiPage("/lab/catalogue", "catalogue.js", "lab-catalogue", "lab.page.catalogue",
                        "lab.catalogue.edit", "admin", 50),
                // Opened from an order with state {specimenId}: the shell's routes are exact, ids travel in the state.
                new UiPage("/lab/specimens/label", "specimen-label.js", "lab-specimen-label", "lab.page.label",
                        "lab.specimen.collect", null, 0),
                new UiPage("/portal/results", "portal-results.js", "lab-portal-results", "lab.page.portal",
                        "lab.result.own", "portal", 40));
    }

    @Override
    public List<UiCard> cards() {
        return List.of(new UiCard("portal-card.js", "lab-portal-card", "lab.card.results", "lab.result.own", 40));
    }
}
