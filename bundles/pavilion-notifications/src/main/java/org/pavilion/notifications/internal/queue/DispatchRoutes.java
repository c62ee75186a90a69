package org.pavilion.notifications.internal.queue;

import javax.persistence.EntityManagerFactory;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.notifications.internal.NotificationClock;
import org.pavilion.notifications.internal.NotificationsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's timer ({@value #DISPATCH_ROUTE}, every {@code dispatchIntervalMs}) and the log's daily retention
 * ({@value #RETENTION_ROUTE}), contributed to the platform's Camel context as a RoutesBuilder service. Camel's timer
 * runs one pass at a time, so a long pass delays the next tick rather than overlapping it. No {@code @Modified}: a new
 * configuration re-creates the routes at their new period.
 */
@Component(service = RoutesBuilder.class, configurationPid = NotificationsConfig.PID)
public class DispatchRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchRoutes.class);

    static final String DISPATCH_ROUTE = "notifications-dispatch";
    static final String RETENTION_ROUTE = "notifications-retention";
    private static final long DAY_MS = 86_400_000L;
    /** The first retention run waits for the container to settle. */
    private static final long RETENTION_DELAY_MS = 60_000;

    private final Dispatcher dispatcher;
    private final Retention retention;

    @Activate
    public DispatchRoutes(@Reference Dispatcher dispatcher,
            @Reference(target = "(osgi.unit.name=pavilion-notifications)") EntityManagerFactory emf,
            @Reference NotificationClock clock) {
        this(dispatcher, new Retention(emf, clock));
    }

    DispatchRoutes(Dispatcher dispatcher, Retention retention) {
        this.dispatcher = dispatcher;
        this.retention = retention;
    }

    @Override
    public void configure() {
        QueueSettings s = dispatcher.settings();
        from("timer:" + DISPATCH_ROUTE + "?period=" + s.dispatchIntervalMs() + "&delay=" + s.dispatchIntervalMs())
                .routeId(DISPATCH_ROUTE)
                .process(exchange -> dispatcher.startDrains());
        from("timer:" + RETENTION_ROUTE + "?period=" + DAY_MS + "&delay=" + RETENTION_DELAY_MS)
                .routeId(RETENTION_ROUTE)
                .process(exchange -> {
                    int emptied = retention.purge(s.logRetentionDays());
                    if (emptied > 0) {
                        LOG.info("Delivery log: removed the address and text of {} entries older than {} days",
                                emptied, s.logRetentionDays());
                    }
                });
    }
}
