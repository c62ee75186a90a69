package org.pavilion.lab.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A test of an order was released for the first time: billing charges it, once per {@link #itemId} (a correction
 * does not publish it again). Event type {@link #TYPE}.
 */
@ProviderType
public class LabTestCompleted extends LabOrderEvent {

    public static final String TYPE = "LabTestCompleted";

    public String itemId;
    public String testCode;
    public String testName;
    /** The catalogue's price reference for billing (a tariff code), or null. */
    public String priceReference;
    /** The panel the test was ordered in, or null. */
    public String panelCode;
    public String completedAt;
}
