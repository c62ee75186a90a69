package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Event payload: a clinical note was written. It names the note, not its text: the text stays in the record, read by
 * callers allowed to (event payloads sit in the bus's tables and dead letters for days). Event type {@link #TYPE}.
 */
@ProviderType
public class NoteAdded {

    public static final String TYPE = "NoteAdded";

    public String mrn;
    public String noteId;
    /** Null when written outside an encounter. */
    public String encounterId;
    /** PROGRESS, ADMISSION, DISCHARGE, CONSULTATION, NURSING or OTHER. */
    public String kind;
    public String author;
    /** ISO-8601 instant. */
    public String writtenAt;
}
