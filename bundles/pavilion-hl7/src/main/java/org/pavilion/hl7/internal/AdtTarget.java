package org.pavilion.hl7.internal;

import java.sql.Connection;
import java.util.concurrent.Callable;

/**
 * Where ADT messages go. Registered by {@link EmrAdt} only while the EMR's PatientDirectory is there; the hub
 * refers to it optionally, so the hub itself never loads an EMR class and runs (answering AR) without the EMR.
 */
public interface AdtTarget {

    /**
     * The hub's record of the message: its stored row and outcome (status, ACK). A department either commits the
     * outcome in its own transaction with the write the message caused ({@link #commit}: one commit for the
     * message, its outcome and the write, and no window in which the write is committed and the message is not), or
     * calls {@link #store} before it writes anything it commits on its own, so the message is stored before it is
     * applied. A department that refuses the message before writing anything needs neither: the hub stores it with
     * its error.
     */
    interface Completion {
        /**
         * Stores the message (committed) unless it is stored already. Throws {@link Hl7Processor.AlreadyAnswered}
         * when an earlier delivery of it was completed: the department must then write nothing.
         */
        void store();

        /**
         * Writes the message's outcome (and the message, when not stored yet) on {@code transaction}, then calls
         * {@code commit}, which commits it, once. Throws, without calling {@code commit}, when an earlier delivery
         * of the message is stored: the department rolls back and the hub takes it as a redelivery.
         */
        void commit(Connection transaction, Outcome outcome, Callable<Void> commit) throws Exception;
    }

    /**
     * Applies the ADT message; throws {@link Hl7ContentException} for content the EMR cannot take. The outcome is
     * committed with the write through {@code completion} where the department can; the hub completes the others.
     */
    Outcome apply(Hl7Text.Header header, String normalisedText, Completion completion);
}
