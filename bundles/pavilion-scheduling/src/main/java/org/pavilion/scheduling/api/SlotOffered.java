package org.pavilion.scheduling.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A freed slot is held for a patient on the waiting list, who may accept it until {@code offerExpiresAt}; after that
 * it goes to the next waiting patient. Event type {@link #TYPE}, subject key {@code waiting:<waitingId>}.
 */
@ProviderType
public class SlotOffered {

    public static final String TYPE = "SlotOffered";

    public String offerId;
    public String waitingId;
    public String patientId;
    public String doctorId;
    public String doctorName;
    public String serviceCode;
    public String serviceName;
    public String visitType;
    public String location;
    public String start;
    public String end;
    public String localStart;
    public String zone;
    /** ISO-8601 instant after which the offer lapses. */
    public String offerExpiresAt;
}
