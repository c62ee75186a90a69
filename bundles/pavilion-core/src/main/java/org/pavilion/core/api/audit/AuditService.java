package org.pavilion.core.api.audit;

/**
 * Appends to the tamper-evident audit trail. The record is written in its own transaction, so a denied or
 * failed access is recorded even when the caller's own transaction rolls back.
 */
public interface AuditService {

    void record(AuditEvent event);
}
