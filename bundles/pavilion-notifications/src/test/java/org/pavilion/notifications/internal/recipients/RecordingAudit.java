package org.pavilion.notifications.internal.recipients;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;

/** The audit trail as a list (records written with their data commit, by the interface's default, after it). */
public final class RecordingAudit implements AuditService {

    public final List<AuditEvent> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        records.add(event);
    }

    public List<AuditEvent> with(String action, String resourceType, AuditOutcome outcome) {
        return records.stream().filter(e -> e.action().equals(action) && e.resourceType().equals(resourceType)
                && e.outcome() == outcome).toList();
    }
}
