package org.pavilion.events.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.osgi.EventBus;

@Service
@Command(scope = "pavilion", name = "discard", description = "Gives up on a parked event delivery, releasing the later events of its subject")
public class DiscardCommand implements Action {

    @Reference
    private EventBus bus;

    @Reference
    private AuditService audit;

    @Argument(index = 0, name = "delivery", required = true, description = "Delivery id, as pavilion:dead-letters lists it")
    private String id;

    @Override
    public Object execute() {
        EventStore.ReplayOutcome outcome = bus.store().discard(id, System.currentTimeMillis());
        switch (outcome) {
            case DISCARDED:
                audit.record(AuditEvent.of("DISCARD", "event-dead-letter").resourceId(id).detail("karaf shell").build());
                System.out.println("Delivery " + id + " is discarded; later events of its subject go out");
                return null;
            case NOT_PARKED:
                System.out.println("Delivery " + id + " is not parked");
                return Integer.valueOf(1);
            default:
                System.out.println("No delivery " + id);
                return Integer.valueOf(1);
        }
    }
}
