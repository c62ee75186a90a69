package org.pavilion.notifications.internal.reminders;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;

/** The audit trail as a list. */
final class RecordingAudit implements AuditService {

    final List<AuditEvent> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        records.add(event);
    }
}
