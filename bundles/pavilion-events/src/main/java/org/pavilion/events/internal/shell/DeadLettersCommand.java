package org.pavilion.events.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pavilion.events.internal.DeadLetter;
import org.pavilion.events.internal.osgi.EventBus;

@Service
@Command(scope = "pavilion", name = "dead-letters", description = "Lists event deliveries parked after their subscriber kept failing")
public class DeadLettersCommand implements Action {

    @Reference
    private EventBus bus;

    @Option(name = "--page", description = "Zero-based page")
    private int page = 0;

    @Option(name = "--size", description = "Rows per page")
    private int size = 50;

    @Override
    public Object execute() {
        int rows = Math.max(size, 1);
        List<DeadLetter> letters = bus.store().parked((long) Math.max(page, 0) * rows, rows);
        ShellTable table = new ShellTable();
        table.column("Delivery");
        table.column("Event type");
        table.column("Subscriber");
        table.column("Attempts");
        table.column("Parked at");
        table.column("Subject");
        table.column("Holds back");
        table.column("Last error").maxSize(80);
        for (DeadLetter d : letters) {
            table.addRow().addContent(d.id, d.eventType, d.subscriber, d.attempts, d.updatedAt,
                    d.subjectKey == null ? "" : d.subjectKey, holds(d), d.lastError);
        }
        table.print(System.out);
        System.out.println(bus.store().countParked() + " parked in total; replay one with pavilion:replay <delivery>,"
                + " give up on one with pavilion:discard <delivery>");
        return null;
    }

    private static String holds(DeadLetter d) {
        if (d.blockedBy != null) {
            return "blocked by dead letter " + d.blockedBy;
        }
        return d.holdsBack == 0 ? "" : d.holdsBack + " later event(s) of its subject";
    }
}
