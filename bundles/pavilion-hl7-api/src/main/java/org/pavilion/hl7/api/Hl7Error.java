package org.pavilion.hl7.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An error or warning the ACK carries in an ERR segment: where ({@code segment} id, its repetition from 1, field
 * and component from 1, 0 when not known), what (an HL7 table 0357 {@code code}) and a text for people.
 */
@ProviderType
public record Hl7Error(String segment, int segmentRepetition, int field, int component, int code, String text) {

    /** HL7 table 0357 codes. */
    public static final int SEGMENT_SEQUENCE_ERROR = 100;
    public static final int REQUIRED_FIELD_MISSING = 101;
    public static final int DATA_TYPE_ERROR = 102;
    public static final int TABLE_VALUE_NOT_FOUND = 103;
    public static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    public static final int UNSUPPORTED_EVENT_CODE = 201;
    public static final int UNSUPPORTED_PROCESSING_ID = 202;
    public static final int UNSUPPORTED_VERSION = 203;
    public static final int UNKNOWN_KEY = 204;
    public static final int DUPLICATE_KEY = 205;
    public static final int APPLICATION_RECORD_LOCKED = 206;
    public static final int INTERNAL_ERROR = 207;

    public Hl7Error {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an HL7 error needs a text");
        }
        if (segment != null && segmentRepetition < 1) {
            segmentRepetition = 1;
        }
    }

    /** At a field: {@code PID}, 7 for PID-7. */
    public static Hl7Error at(String segment, int field, int code, String text) {
        return new Hl7Error(segment, 1, field, 0, code, text);
    }

    /** At a component: {@code AL1}, 3, 1 for AL1-3.1. */
    public static Hl7Error at(String segment, int field, int component, int code, String text) {
        return new Hl7Error(segment, 1, field, component, code, text);
    }

    /** Without a location. */
    public static Hl7Error of(int code, String text) {
        return new Hl7Error(null, 0, 0, 0, code, text);
    }
}
