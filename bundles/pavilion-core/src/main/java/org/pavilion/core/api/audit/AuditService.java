package org.pavilion.core.api.audit;

import java.util.List;

/**
 * Appends to the tamper-evident audit trail. The record is written in its own transaction, so a denied or
 * failed access is recorded even when the caller's own transaction rolls back.
 */
public interface AuditService {

    void record(AuditEvent event);

    /**
     * Appends several records, in order, in one transaction: all of them or none. For a search showing many
     * patients, which must leave one record per patient, without one transaction (and chain lookup) per record.
     *
     * @since 1.1
     */
    default void recordAll(List<AuditEvent> events) {
        events.forEach(this::record);
    }
}
