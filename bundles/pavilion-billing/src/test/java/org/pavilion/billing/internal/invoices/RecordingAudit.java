package org.pavilion.billing.internal.invoices;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;

/** The audit trail of the invoice tests (records after the commit, as core's default does). */
public final class RecordingAudit implements AuditService {

    public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> with(String action, AuditOutcome outcome) {
        return events.stream().filter(e -> e.action().equals(action) && e.outcome() == outcome).toList();
    }
}
