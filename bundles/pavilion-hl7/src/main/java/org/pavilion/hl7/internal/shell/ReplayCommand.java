package org.pavilion.hl7.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import java.util.List;

import org.apache.karaf.shell.api.action.Option;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.hl7.internal.Hl7Hub;
import org.pavilion.hl7.internal.MessagePatient;
import org.pavilion.hl7.internal.MessageStore;
import org.pavilion.hl7.internal.StoredMessage;

@Service
@Command(scope = "pavilion", name = "hl7-replay", description = "Processes a PARKED or REJECTED HL7 message again "
        + "(shell users with the Karaf role admin or hl7.message.replay)")
public class ReplayCommand implements Action {

    @Reference
    private Hl7Hub hub;

    @Reference
    private AuditService audit;

    @Argument(index = 0, name = "id", required = true, description = "Message id, as pavilion:hl7-parked lists it")
    private String id;

    @Option(name = "--confirm-reused-control-id", description = "Apply a message parked for a reused control id "
            + "as it is (after checking it is a different message, not a forgery)")
    private boolean confirmReused;

    @Override
    public Object execute() {
        if (!ShellCaller.mayReplay()) {
            System.out.println("Replaying a message needs the Karaf role admin or " + ShellCaller.REPLAY_ROLE);
            return Integer.valueOf(1);
        }
        StoredMessage m = hub.store().find(id);
        if (m == null) {
            System.out.println("No message " + id);
            return Integer.valueOf(1);
        }
        if (m.controlIdReused && !confirmReused) {
            System.out.println("Message " + id + " was parked because its control id was reused with different "
                    + "content: give it a new control id over REST, or confirm with --confirm-reused-control-id");
            return Integer.valueOf(1);
        }
        MessagePatient patient = MessagePatient.of(m);
        AuditEvent record = AuditEvent.of("REPLAY", "hl7-message").resourceId(id)
                .patientId(patient == null ? null : patient.id())
                .detail("karaf shell " + ShellCaller.name() + ": " + m.messageType + " " + m.controlId
                        + (m.controlIdReused ? " replayed as is, reused control id confirmed" : " replayed")).build();
        MessageStore.Committer withAudit = c -> audit.recordAllCommittingWith(c, List.of(record), () -> {
            c.commit();
            return null;
        });
        if (!hub.processor().replay(id, withAudit)) {
            System.out.println("Message " + id + " is " + m.status + ": only PARKED or REJECTED messages are replayed");
            return Integer.valueOf(1);
        }
        StoredMessage after = hub.store().find(id);
        System.out.println("Message " + id + " replayed: " + after.status + " " + after.ackCode
                + (after.error == null ? "" : " (" + after.error + ")"));
        return null;
    }
}
