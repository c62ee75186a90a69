package org.pavilion.emr.internal.integration;

import java.sql.Connection;
import java.util.concurrent.Callable;

import org.pavilion.emr.api.ExternalPatient;
import org.pavilion.emr.api.PatientDirectory;

/**
 * The directory's write that commits a caller's rows with it, for the EMR's own ADT handler: the hub's completion
 * of the message (its status, ACK and accept order, through the handler API's {@code Completion.commit}) commits
 * in the patient's transaction, one commit for message, outcome and patient. That is the ADT throughput path; it
 * is internal because departments reach the same guarantee through the hub's handler API, not through the
 * directory. Registered as a service of its own by {@link PatientDirectoryService}.
 */
public interface CommittingDirectory extends PatientDirectory {

    /**
     * What a caller commits together with a directory write: rows of its own on the platform's database, so that
     * the write and the caller's record of it commit or roll back together, in one commit. Called in the
     * directory's transaction, before its commit, with the transaction's JDBC connection (do not close or commit
     * it) and what the write did; {@code commit} commits the transaction and must be called exactly once, so the
     * participant may hold a lock of its own across the commit (numbers that must become visible in order). It may
     * be called more than once for one write (its first transaction rolled back and the write is done again); only
     * the last call's rows are committed.
     */
    @FunctionalInterface
    interface Participant {
        void commit(Connection transaction, Result result, Callable<Void> commit) throws Exception;
    }

    /**
     * As {@link #registerOrUpdate(ExternalPatient)}, with {@code participant}'s rows committed in the same
     * transaction. Not called when the patient is refused for its content (nothing is written then).
     */
    Result registerOrUpdate(ExternalPatient patient, Participant participant);
}
