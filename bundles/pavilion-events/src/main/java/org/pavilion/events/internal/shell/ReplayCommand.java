package org.pavilion.events.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.EventStore.ReplayOutcome;

@Service
@Command(scope = "pavilion", name = "replay", description = "Puts a parked event delivery back for delivery, attempts reset")
public class ReplayCommand extends DeadLetterCommand {

    public ReplayCommand() {
        super(ReplayOutcome.REPLAYED, "REPLAY", "is pending again");
    }

    @Override
    ReplayOutcome apply(EventStore store, String deliveryId, long now, EventStore.Commit commit) {
        return store.replay(deliveryId, now, commit);
    }
}
