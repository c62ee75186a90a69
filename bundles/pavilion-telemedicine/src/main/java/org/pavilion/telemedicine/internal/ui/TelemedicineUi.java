package org.pavilion.telemedicine.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * The telemedicine department's pages in the web UI (files under {@code /ui} of this bundle): the patient's video
 * consultations in the portal (waiting room and call) with a home card, and the doctor's video waiting room (admit,
 * call, side panel into the EMR encounter). Shown by the web shell when {@code pavilion-web} is installed.
 */
@Component(service = UiContribution.class)
public class TelemedicineUi implements UiContribution {

    static final String HOST = "telemedicine.consultation.host";
    static final String JOIN = "telemedicine.consultation.join";

    @Override
    public String id() {
        return "telemedicine";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/telemedicine/waiting-room", "waiting-room.js", "telemedicine-waiting-room",
                        "telemedicine.page.waitingRoom", HOST, "clinical", 25),
                new UiPage("/portal/video", "portal-video.js", "telemedicine-portal-video", "telemedicine.page.portal",
                        JOIN, "portal", 35));
    }

    @Override
    public List<UiCard> cards() {
        return List.of(new UiCard("portal-card.js", "telemedicine-portal-card", "telemedicine.card.title", JOIN, 15));
    }
}
