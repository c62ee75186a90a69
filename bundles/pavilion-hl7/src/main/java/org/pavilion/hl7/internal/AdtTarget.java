package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.util.concurrent.Callable;

/**
 * Where ADT messages go. Registered by {@link EmrAdt} only while the EMR's PatientDirectory is there; the hub
 * refers to it optionally, so the hub itself never loads an EMR class and runs (answering AR) without the EMR.
 */
public interface AdtTarget {

    /**
     * The hub's record of the message's outcome (status, ACK), for a department that commits it in its own
     * transaction with the write the message caused: one commit for both, and no window in which the write is
     * committed and the message not yet completed. Call it before the department's commit with that transaction's
     * connection; {@code commit} commits the transaction and is called once.
     */
    @FunctionalInterface
    interface Completion {
        void commit(Connection transaction, Outcome outcome, Callable<Void> commit) throws Exception;
    }

    /**
     * Applies the ADT message; throws {@link Hl7ContentException} for content the EMR cannot take. The outcome is
     * committed with the write through {@code completion} where the department can; the hub completes the others.
     */
    Outcome apply(Hl7Text.Header header, String normalisedText, Completion completion);
}
