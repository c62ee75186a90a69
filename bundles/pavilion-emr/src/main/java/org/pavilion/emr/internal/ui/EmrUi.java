package org.pavilion.emr.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The EMR's pages in the web UI (files under {@code /ui} of this bundle): patients, the chart, and the portal's record.
 * Shown by the web shell when {@code pavilion-web} is installed; nothing here depends on it.
 */
@Component(service = UiContribution.class)
public class EmrUi implements UiContribution {

    @Override
    public String id() {
        return "emr";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/patients", "patients/search.js", "emr-patient-search", "emr.page.search",
                        "emr.patient.search", "patients", 10),
                new UiPage("/patients/register", "patients/register.js", "emr-patient-register", "emr.page.register",
                        "emr.patient.register", "patients", 20),
                new UiPage("/patients/emergency", "patients/emergency.js", "emr-emergency-register",
                        "emr.page.emergency", "emr.patient.register-emergency", "patients", 30),
                new UiPage("/patients/merge", "patients/merge.js", "emr-patient-merge", "emr.page.merge",
                        "emr.patient.merge", "patients", 40),
                new UiPage("/patients/edit", "patients/edit.js", "emr-patient-edit", "emr.page.edit",
                        "emr.patient.edit", null, 0),
                new UiPage("/chart", "chart/chart.js", "emr-chart", "emr.page.chart", "emr.record.view", null, 0),
                new UiPage("/portal/record", "portal/record.js", "emr-portal-record", "emr.page.portal-record",
                        "emr.record.view-own", "portal", 10),
                new UiPage("/portal/profile", "portal/profile.js", "emr-portal-profile", "emr.page.portal-profile",
                        "emr.patient.view", "portal", 20),
                new UiPage("/portal/privacy", "portal/privacy.js", "emr-portal-privacy", "emr.page.portal-privacy",
                        "emr.privacy.export", "portal", 90));
    }

    @Override
    public List<UiCard> cards() {
        return List.of(new UiCard("portal/summary-card.js", "emr-portal-summary", "emr.card.summary",
                "emr.record.view-own", 10));
    }
}
