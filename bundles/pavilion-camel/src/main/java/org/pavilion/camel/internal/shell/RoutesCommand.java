package org.pavilion.camel.internal.shell;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
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
        ShellTable table = new ShellTable();
        table.column("Route");
        table.column("Origin");
        table.column("State");
        table.column("Total").alignRight();
        table.column("Failed").alignRight();
        table.column("Inflight").alignRight();
        table.column("Uptime");
        for (Route r : camel.getRoutes()) {
            String id = r.getRouteId();
            table.addRow().addContent(id, runtime.routes().ownerOf(id),
                    camel.getRouteController().getRouteStatus(id),
                    runtime.statistics().total(id), runtime.statistics().failed(id),
                    camel.getInflightRepository().size(id),
                    Duration.ofMillis(r.getUptimeMillis()).withNanos(0).toString().substring(2).toLowerCase());
        }
        table.print(System.out);
        System.out.println("Route files: " + runtime.routeFolder());
        return null;
    }
}
