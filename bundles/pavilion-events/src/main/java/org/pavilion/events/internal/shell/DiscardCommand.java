package org.pavilion.events.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pavilion.events.internal.EventStore;
import org.pavilion.events.internal.EventStore.ReplayOutcome;

@Service
@Command(scope = "pavilion", name = "discard", description = "Gives up on a parked event delivery, releasing the later events of its subject")
public class DiscardCommand extends DeadLetterCommand {

    public DiscardCommand() {
        super(ReplayOutcome.DISCARDED, "DISCARD", "is discarded; later events of its subject go out");
    }

    @Override
    ReplayOutcome apply(EventStore store, String deliveryId, long now, EventStore.Commit commit) {
        return store.discard(deliveryId, now, commit);
    }
}
