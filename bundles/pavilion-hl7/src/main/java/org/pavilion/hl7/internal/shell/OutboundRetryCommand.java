package org.pavilion.hl7.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.hl7.internal.Hl7Hub;
import org.pavilion.hl7.internal.outbound.OutboundMessage;

@Service
@Command(scope = "pavilion", name = "hl7-outbound-retry", description = "Puts a FAILED outbound HL7 message back in its feed's queue")
public class OutboundRetryCommand implements Action {

    @Reference
    private Hl7Hub hub;

    @Reference
    private AuditService audit;

    @Argument(index = 0, name = "id", required = true, description = "Outbound message id, as pavilion:hl7-outbound lists it")
    private long id;

    @Override
    public Object execute() {
        OutboundMessage m = hub.outbound().find(id);
        if (m == null) {
            System.out.println("No outbound message " + id);
            return Integer.valueOf(1);
        }
        if (!hub.outbound().retry(id, System.currentTimeMillis())) {
            System.out.println("Outbound message " + id + " is " + m.status
                    + (m.messageText == null ? " without a message" : "") + ": not retried");
            return Integer.valueOf(1);
        }
        audit.record(AuditEvent.of("RETRY", "hl7-outbound").resourceId(String.valueOf(id)).patientId(m.patientKey)
                .detail("karaf shell: " + m.feed + " " + m.messageType + " " + m.controlId + " was " + m.status).build());
        System.out.println("Outbound message " + id + " (" + m.feed + " " + m.messageType + ") queued again");
        return null;
    }
}
