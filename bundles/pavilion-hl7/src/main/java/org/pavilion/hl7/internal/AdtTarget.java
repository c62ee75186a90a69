package org.pavilion.hl7.internal;

/**
 * Where ADT messages go. Registered by {@link EmrAdt} only while the EMR's PatientDirectory is there; the hub
 * refers to it optionally, so the hub itself never loads an EMR class and runs (answering AR) without the EMR.
 */
public interface AdtTarget {

    /** Applies the ADT message; throws {@link Hl7ContentException} for content the EMR cannot take. */
    Outcome apply(Hl7Text.Header header, String normalisedText);
}
