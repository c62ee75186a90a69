package org.pavilion.hl7.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.hl7.internal.Hl7Hub;
import org.pavilion.hl7.internal.StoredMessage;

@Service
@Command(scope = "pavilion", name = "hl7-replay", description = "Processes a PARKED or REJECTED HL7 message again")
public class ReplayCommand implements Action {

    @Reference
    private Hl7Hub hub;

    @Reference
    private AuditService audit;

    @Argument(index = 0, name = "id", required = true, description = "Message id, as pavilion:hl7-parked lists it")
    private String id;

    @Override
    public Object execute() {
        StoredMessage m = hub.store().find(id);
        if (m == null) {
            System.out.println("No message " + id);
            return Integer.valueOf(1);
        }
        if (!hub.processor().replay(id)) {
            System.out.println("Message " + id + " is " + m.status + ": only PARKED or REJECTED messages are replayed");
            return Integer.valueOf(1);
        }
        StoredMessage after = hub.store().find(id);
        audit.record(AuditEvent.of("REPLAY", "hl7-message").resourceId(id).detail("karaf shell: now " + after.status).build());
        System.out.println("Message " + id + " replayed: " + after.status + " " + after.ackCode
                + (after.error == null ? "" : " (" + after.error + ")"));
        return null;
    }
}
