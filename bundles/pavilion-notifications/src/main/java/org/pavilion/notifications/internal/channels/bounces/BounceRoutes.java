package org.pavilion.notifications.internal.channels.bounces;

import jakarta.mail.MessagingException;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.notifications.internal.channels.email.EmailConfig;
import org.pavilion.notifications.internal.queue.NotificationQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@value #ROUTE_ID}: a timer every {@code bouncePollSeconds} that reads the bounce mailbox. No route while
 * the poll interval is 0 or no IMAP host is set. A configuration change re-creates the component (no {@code @Modified}),
 * so the route comes back with the new interval.
 */
@Component(service = RoutesBuilder.class, configurationPid = EmailConfig.PID)
public class BounceRoutes extends RouteBuilder {

    static final String ROUTE_ID = "notifications-bounces";

    private static final Logger LOG = LoggerFactory.getLogger(BounceRoutes.class);

    private final ImapSettings settings;
    private final BouncePoller poller;

    @Activate
    public BounceRoutes(@Reference NotificationQueue queue, EmailConfig config) {
        this.settings = ImapSettings.from(config);
        this.poller = new BouncePoller(settings, queue);
    }

    @Override
    public void configure() {
        if (!settings.enabled()) {
            LOG.info("Bounce mailbox not read (bouncePollSeconds 0 or no imapHost in {}.cfg)", EmailConfig.PID);
            return;
        }
        long periodMs = settings.pollSeconds() * 1000L;
        from("timer:" + ROUTE_ID + "?period=" + periodMs + "&delay=" + periodMs)
                .routeId(ROUTE_ID)
                .process(exchange -> poll());
    }

    private void poll() {
        try {
            poller.poll();
        } catch (MessagingException | RuntimeException e) {
            // One line, no stack: the mailbox being away is an operations matter, and the next tick tries again.
            LOG.warn("Bounce mailbox {} not read: {}", settings, poller.describe(e));
        }
    }
}
