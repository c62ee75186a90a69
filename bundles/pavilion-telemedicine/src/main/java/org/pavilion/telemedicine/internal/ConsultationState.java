package org.pavilion.telemedicine.internal;

/** SCHEDULED -> WAITING (patient arrived) -> IN_CALL (admitted) -> ENDED; SCHEDULED or WAITING -> CANCELLED. */
public enum ConsultationState {
    SCHEDULED, WAITING, IN_CALL, ENDED, CANCELLED;

    boolean finished() {
        return this == ENDED || this == CANCELLED;
    }
}
