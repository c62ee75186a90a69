package org.pavilion.camel.internal.shell;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pavilion.camel.internal.CamelRuntime;

@Service
@Command(scope = "pavilion", name = "routes", description = "Lists the Camel routes with their origin, state and counters")
public class RoutesCommand implements Action {

    @Reference
    private CamelRuntime runtime;

    @Override
    public Object execute() {
        CamelContext camel = runtime.camel();
        // Camel's management (camel-management, JMX) keeps the per-route counters; null if JMX is disabled.
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        ShellTable table = new ShellTable();
        table.column("Route");
        table.column("Origin");
        table.column("Status");
        table.column("Total").alignRight();
        table.column("Failed").alignRight();
        table.column("Inflight").alignRight();
        table.column("Uptime").alignRight();
        for (Route r : camel.getRoutes()) {
            String id = r.getRouteId();
            ManagedRouteMBean stats = managed == null ? null : managed.getManagedRoute(id);
            table.addRow().addContent(id, runtime.routes().ownerOf(id),
                    camel.getRouteController().getRouteStatus(id),
                    stats == null ? "-" : stats.getExchangesTotal(),
                    stats == null ? "-" : stats.getExchangesFailed(),
                    camel.getInflightRepository().size(id),
                    uptime(r.getUptimeMillis()));
        }
        table.print(System.out);
        System.out.println("Route folder: " + runtime.routeFolder());
        return null;
    }

    static String uptime(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (d.toDays() > 0) {
            return String.format("%dd %02dh", d.toDays(), d.toHoursPart());
        }
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
