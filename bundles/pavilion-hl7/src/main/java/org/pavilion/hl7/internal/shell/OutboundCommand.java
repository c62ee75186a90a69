package org.pavilion.hl7.internal.shell;

import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pavilion.hl7.internal.Hl7Hub;
import org.pavilion.hl7.internal.outbound.OutboundMessage;
import org.pavilion.hl7.internal.outbound.OutboundStore;

@Service
@Command(scope = "pavilion", name = "hl7-outbound", description = "Lists outbound HL7 messages (newest first) with their status and last error")
public class OutboundCommand implements Action {

    @Reference
    private Hl7Hub hub;

    @Option(name = "-n", description = "How many to list")
    private int max = 50;

    @Option(name = "-f", aliases = "--feed", description = "Only this feed")
    private String feed;

    @Option(name = "-s", aliases = "--status", description = "FAILED (default), PENDING or SENT; ALL for every status")
    private String status = OutboundStore.FAILED;

    @Override
    public Object execute() {
        String filter = "ALL".equalsIgnoreCase(status) ? null : status;
        List<OutboundMessage> rows = hub.outbound().list(feed, filter, 0, Math.max(1, Math.min(max, 1000)));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Event time");
        table.column("Feed");
        table.column("Type");
        table.column("Control id");
        table.column("Patient");
        table.column("Status");
        table.column("Attempts");
        table.column("Last error").maxSize(80);
        for (OutboundMessage m : rows) {
            table.addRow().addContent(m.id, Instant.ofEpochMilli(m.occurredMs).toString(), m.feed, m.messageType,
                    m.controlId, m.patientKey, m.status, m.attempts, m.lastError);
        }
        table.print(System.out);
        return null;
    }
}
