package org.pavilion.pharmacy.internal.hl7;

import javax.persistence.*;

/**
 * A dispense handed to the HL7 feeds (the {@link RdsDispense} event published for it), so a redelivered
 * MedicationDispensed is not sent twice. Table {@code ph_rds_handover}.
 */
@Entity
@Table(name = "ph_rds_handover")
public class RdsHandOverEntity {

    @Id
    @Column(name = "dispense_id")
    private String dispenseId;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "handed_ms")
    private long handedMs;

    public String getDispenseId() { return dispenseId; }
    public void setDispenseId(String dispenseId) { this.dispenseId = dispenseId; }
    public String getEventId() { return eventId; }
    public void setEventId(String eventId) { this.eventId = eventId; }
    public long getHandedMs() { return handedMs; }
    public void setHandedMs(long handedMs) { this.handedMs = handedMs; }
}
