package org.pavilion.scheduling.api;

/** An appointment was cancelled; its slot is free again. Event type {@link #TYPE}. */
public class AppointmentCancelled extends AppointmentEvent {

    public static final String TYPE = "AppointmentCancelled";

    public String reason;
}
