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
import org.pavilion.hl7.internal.MessageStore;
import org.pavilion.hl7.internal.StoredMessage;

@Service
@Command(scope = "pavilion", name = "hl7-parked", description = "Lists parked HL7 messages (newest first) with their error")
public class ParkedCommand implements Action {

    @Reference
    private Hl7Hub hub;

    @Option(name = "-n", description = "How many to list")
    private int max = 50;

    @Option(name = "-s", aliases = "--status", description = "PARKED (default), REJECTED, RECEIVED or PROCESSED")
    private String status = MessageStore.PARKED;

    @Override
    public Object execute() {
        List<StoredMessage> rows = hub.store().list(status, null, null, null, 0, Math.max(1, Math.min(max, 1000)));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Received");
        table.column("Sender");
        table.column("Type");
        table.column("Control id");
        table.column("Ack");
        table.column("Error").maxSize(80);
        for (StoredMessage m : rows) {
            table.addRow().addContent(m.id, Instant.ofEpochMilli(m.receivedMs).toString(), m.sender, m.messageType,
                    m.controlId, m.ackCode, m.error);
        }
        table.print(System.out);
        return null;
    }
}
