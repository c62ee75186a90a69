package org.pavilion.hl7.api;

import java.sql.Connection;
import java.util.concurrent.Callable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's record of the message being handled: its stored row, outcome and ACK. What keeps a kill -9 from losing
 * an answered message or applying one twice is that the message is stored before its effect is committed, or in the
 * same commit.
 */
@ProviderType
public interface Completion {

    /**
     * Stores the message (committed) unless it is stored already. Call it before writing anything the department
     * commits on its own. Throws an unchecked exception when an earlier delivery of the message was completed: the
     * handler must then let it through and write nothing (the hub answers with the earlier ACK).
     */
    void store();

    /**
     * Writes the message's outcome (and the message, when not stored yet) on {@code transaction}, the department's
     * own JDBC connection to the platform DataSource with its write pending, then calls {@code commit}, which
     * commits that connection, once: one commit for the message, its outcome and the department's write. Throws,
     * without calling {@code commit}, when an earlier delivery of the message is stored: the department rolls back
     * and the hub takes it as a redelivery. A department retrying its transaction may call it again; the last
     * committed call counts.
     */
    void commit(Connection transaction, Outcome outcome, Callable<Void> commit) throws Exception;
}
