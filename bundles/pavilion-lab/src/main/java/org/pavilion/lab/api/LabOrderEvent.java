package org.pavilion.lab.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What every laboratory event carries: which order, whose, ordered by whom, how urgent. Times are ISO-8601 instants.
 */
@ProviderType
public abstract class LabOrderEvent {
    public String orderId;
    /** The order number staff and an external LIS use (the HL7 placer order number). */
    public String orderNumber;
    /** The patient's MRN. */
    public String patientId;
    /** The EMR encounter the order belongs to; may be null for an order from outside. */
    public String encounterId;
    /** The ordering doctor's username. */
    public String orderingDoctor;
    /** ROUTINE, URGENT or STAT. */
    public String priority;
    /** The user, feed or timer that acted. */
    public String actor;
}
