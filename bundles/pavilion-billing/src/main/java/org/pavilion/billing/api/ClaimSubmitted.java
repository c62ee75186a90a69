package org.pavilion.billing.api;

import org.osgi.annotation.versioning.ProviderType;

/** A claim for an invoice's insurance share was sent to the insurer (FHIR {@code Claim}). Event type {@link #TYPE}. */
@ProviderType
public class ClaimSubmitted extends ClaimEvent {

    public static final String TYPE = "ClaimSubmitted";

    /** ISO-8601 instant. */
    public String submittedAt;
}
