package org.pavilion.events.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.EventStore.ReplayOutcome;
import org.pavilion.events.internal.osgi.EventBus;

/**
 * What {@code pavilion:replay} and {@code pavilion:discard} share: one parked delivery by id, one store call, an audit
 * record when it took effect, and the same answers when the delivery is not parked or unknown. Karaf injects the
 * annotated fields of this base class as it does a command's own (its injection walks the superclasses).
 */
abstract class DeadLetterCommand implements Action {

    @Reference
    private EventBus bus;

    @Reference
    private AuditService audit;

    @Argument(index = 0, name = "delivery", required = true, description = "Delivery id, as pavilion:dead-letters lists it")
    private String id;

    private final ReplayOutcome done;
    private final String auditAction;
    private final String doneText;

    /**
     * @param done        the store's outcome when the call took effect
     * @param auditAction the audit action recorded then
     * @param doneText    what the operator reads then, after "Delivery &lt;id&gt; "
     */
    DeadLetterCommand(ReplayOutcome done, String auditAction, String doneText) {
        this.done = done;
        this.auditAction = auditAction;
        this.doneText = doneText;
    }

    /** The store call this command stands for. */
    abstract ReplayOutcome apply(EventStore store, String deliveryId, long now, EventStore.Commit commit);

    @Override
    public Object execute() {
        AuditEvent record = AuditEvent.of(auditAction, "event-dead-letter").resourceId(id).detail("karaf shell").build();
        // The change and its audit record commit together.
        ReplayOutcome outcome = apply(bus.store(), id, System.currentTimeMillis(),
                c -> audit.recordAllCommittingWith(c, List.of(record), () -> {
                    c.commit();
                    return null;
                }));
        if (outcome == done) {
            System.out.println("Delivery " + id + " " + doneText);
            return null;
        }
        System.out.println(outcome == ReplayOutcome.NOT_PARKED ? "Delivery " + id + " is not parked" : "No delivery " + id);
        return Integer.valueOf(1);
    }
}
