package org.pavilion.core.api.audit;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Appends to the tamper-evident audit trail. The record is written in its own transaction, so a denied or
 * failed access is recorded even when the caller's own transaction rolls back.
 */
@ProviderType
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

    /**
     * Appends {@code events} in the caller's own transaction on the platform's database, so they commit or roll back
     * with the data they describe: no window in which data is committed and its audit record not yet (a crash
     * there would lose the record), and no commit of its own to wait for. {@code transaction} is that
     * transaction's connection; {@code commit} commits it and is called once, after the records are written and
     * while the trail is held, so the records link to the one committed just before them. Returns what
     * {@code commit} returns; throws what writing or committing threw, and the caller then rolls back.
     *
     * <p>Why departments get this and not only {@link #record}: the rule is that every write of patient data
     * leaves its audit record, and only a record written in the write's own transaction keeps that rule across a
     * crash. Any department writing on the platform database may use it (the EMR directory's group commit does,
     * for the registrations of a whole group). {@code commit} must not itself record through this service: the
     * trail is held until it returns.
     *
     * <p>The default implementation commits first and then records in a transaction of its own.
     *
     * @since 1.2
     */
    default <T> T recordAllCommittingWith(Connection transaction, List<AuditEvent> events, Callable<T> commit)
            throws Exception {
        T result = commit.call();
        recordAll(events);
        return result;
    }
}
