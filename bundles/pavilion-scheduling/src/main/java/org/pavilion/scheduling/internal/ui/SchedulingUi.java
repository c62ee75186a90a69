package org.pavilion.scheduling.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The scheduling department's pages in the web UI (files under {@code /ui} of this bundle): the desk's day list and
 * booking, the chart's appointments tab, doctors' profiles, and the portal's appointments with a home card. Shown by
 * the web shell when {@code pavilion-web} is installed; nothing here depends on it.
 */
@Component(service = UiContribution.class)
public class SchedulingUi implements UiContribution {

    @Override
    public String id() {
        return "scheduling";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/appointments", "appointments.js", "scheduling-appointments",
                        "scheduling.page.appointments", "scheduling.appointment.view", "clinical", 20),
                new UiPage("/chart/appointments", "chart-appointments.js", "scheduling-chart-appointments",
                        "scheduling.page.chart", "scheduling.appointment.view", "chart", 60),
                new UiPage("/scheduling/doctors", "doctors.js", "scheduling-doctors", "scheduling.page.doctors",
                        "scheduling.doctor.edit", "admin", 60),
                new UiPage("/portal/appointments", "portal-appointments.js", "scheduling-portal-appointments",
                        "scheduling.page.portal", "scheduling.appointment.own", "portal", 30));
    }

    @Override
    public List<UiCard> cards() {
        return List.of(new UiCard("portal-card.js", "scheduling-portal-card", "scheduling.card.next",
                "scheduling.appointment.own", 20));
    }
}
