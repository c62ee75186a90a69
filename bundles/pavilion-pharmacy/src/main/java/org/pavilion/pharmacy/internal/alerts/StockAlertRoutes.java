package org.pavilion.pharmacy.internal.alerts;

import java.time.Clock;

import javax.persistence.EntityManagerFactory;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * The reorder and expiry checks as two timer routes, contributed to the platform's Camel context as a RoutesBuilder
 * service (pavilion-camel adds the routes when the service appears and removes them when it goes). No
 * {@code @Modified}: a new {@code reorderCheckSeconds}, {@code expiryCheckSeconds} or {@code expiryWindowDays}
 * re-creates the component, and with it the routes at their new periods.
 */
@Component(service = RoutesBuilder.class, configurationPid = PharmacyConfig.PID)
// No @Designate: PharmacyConfig's own pid designates it.
public class StockAlertRoutes extends RouteBuilder {

    static final String REORDER_ROUTE = "pharmacy-reorder-check";
    static final String EXPIRY_ROUTE = "pharmacy-expiry-check";
    /** The first run waits this long after start, so the container settles before the checks read every store. */
    static final long FIRST_DELAY_MS = 30_000;

    private final StockAlertChecks checks;
    private final long reorderPeriodMs;
    private final long expiryPeriodMs;

    @Activate
    public StockAlertRoutes(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference StoreReorderSuggestions suggestions,
            @Reference EventPublisher events, @Reference StockLedger ledger, PharmacyConfig config) {
        this(new StockAlertChecks(emf, suggestions, events, Clock.system(ledger.zone()), config::expiryWindowDays),
                config.reorderCheckSeconds(), config.expiryCheckSeconds());
    }

    StockAlertRoutes(StockAlertChecks checks, int reorderCheckSeconds, int expiryCheckSeconds) {
        this.checks = checks;
        this.reorderPeriodMs = Math.max(1, reorderCheckSeconds) * 1000L;
        this.expiryPeriodMs = Math.max(1, expiryCheckSeconds) * 1000L;
    }

    @Override
    public void configure() {
        from(timer(REORDER_ROUTE, reorderPeriodMs)).routeId(REORDER_ROUTE).process(exchange -> checks.checkReorder());
        from(timer(EXPIRY_ROUTE, expiryPeriodMs)).routeId(EXPIRY_ROUTE).process(exchange -> checks.checkExpiry());
    }

    static String timer(String name, long periodMs) {
        return "timer:" + name + "?period=" + periodMs + "&delay=" + Math.min(FIRST_DELAY_MS, periodMs);
    }
}
