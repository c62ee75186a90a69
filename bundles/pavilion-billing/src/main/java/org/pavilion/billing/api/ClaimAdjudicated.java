package org.pavilion.billing.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The insurer answered a claim (FHIR {@code ClaimResponse}): approved, partly approved or denied. The invoice's
 * insurance and patient shares follow the approved amount. Event type {@link #TYPE}.
 */
@ProviderType
public class ClaimAdjudicated extends ClaimEvent {

    public static final String TYPE = "ClaimAdjudicated";

    public String approvedAmount;
    /** The insurer's reason for a denial or a reduction, or null. */
    public String reason;
    /** ISO-8601 instant. */
    public String adjudicatedAt;
}
