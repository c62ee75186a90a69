package org.pavilion.pharmacy.internal.hl7;

import java.util.List;

/**
 * The payload of event {@link #TYPE}: a dispense with what the RDS^O13 needs from its prescription (the placer's
 * order number, route, dose), published by {@link DispenseHandOver} when {@code sendDispenses} is on, for the HL7
 * feeds that list the type (their builder is {@link RdsBuilder}, which then reads no table). Its own event rather
 * than MedicationDispensed itself: billing and the EMR subscribe to that one and need none of this, and a feed's
 * builder must not block on the database.
 */
public class RdsDispense {

    public static final String TYPE = "PharmacyDispenseForFeeds";

    public String dispenseId;
    public String prescriptionId;
    /** EMR or HL7. */
    public String source;
    public String patientId;
    public String encounterId;
    public String itemCode;
    public String itemName;
    /** As prescribed. */
    public String drug;
    public String dose;
    public String route;
    public String frequency;
    public String prescriber;
    public String quantity;
    public String unit;
    public List<Batch> batches;
    public boolean complete;
    public String dispensedBy;
    /** ISO-8601 instant. */
    public String dispensedAt;
    /** For a prescription that came as RDE^O11: its MSH-3 and ORC-2. */
    public String placerApplication;
    public String placerOrderNumber;

    /** A quantity from one batch. */
    public static class Batch {
        public String batchNumber;
        /** ISO date, or null. */
        public String expiryDate;
        public String quantity;
    }
}
