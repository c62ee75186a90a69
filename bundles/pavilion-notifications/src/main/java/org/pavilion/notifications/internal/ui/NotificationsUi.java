package org.pavilion.notifications.internal.ui;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pavilion.core.api.ui.UiCard;
import org.pavilion.core.api.ui.UiContribution;
import org.pavilion.core.api.ui.UiPage;

/**
 * Notifications' pages in the web UI (files under {@code /ui} of this bundle): the delivery log with "send again", the
 * rules and templates with a live preview, the staff member's own alert contact, and the portal's "messages and
 * reminders" (opt-outs per channel, the messages sent to me) with a home card. The pages speak only the REST API of
 * docs/notifications-api.md; each is listed for the privilege of the REST read it starts with.
 */
@Component(service = UiContribution.class)
public class NotificationsUi implements UiContribution {

    @Override
    public String id() {
        return "notifications";
    }

    @Override
    public List<UiPage> pages() {
        return List.of(
                new UiPage("/notifications/messages", "messages.js", "notifications-messages",
                        "notifications.page.messages", "notifications.deliveries.view", "patients", 90),
                new UiPage("/notifications/contact", "contact.js", "notifications-contact",
                        "notifications.page.contact", "notifications.contacts.own", "admin", 89),
                new UiPage("/notifications/rules", "rules.js", "notifications-rules",
                        "notifications.page.rules", "notifications.rules.view", "admin", 90),
                new UiPage("/portal/notifications", "portal.js", "notifications-portal",
                        "notifications.page.portal", "notifications.preferences.own", "portal", 80));
    }

    @Override
    public List<UiCard> cards() {
        return List.of(new UiCard("portal-card.js", "notifications-portal-card", "notifications.card.title",
                "notifications.preferences.own", 80));
    }
}
