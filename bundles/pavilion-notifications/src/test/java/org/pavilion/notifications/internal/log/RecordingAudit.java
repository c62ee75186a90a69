package org.pavilion.notifications.internal.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;

/** The audit trail of the delivery log tests (records after the commit, as core's default does). */
final class RecordingAudit implements AuditService {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> with(String action) {
        return events.stream().filter(e -> e.action().equals(action)).toList();
    }
}
