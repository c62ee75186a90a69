/**
 * What other bundles may know of billing: the payloads of its events, published on the event bus under each class's
 * {@code TYPE} with subject key {@code bl-invoice:<invoiceId>} (one invoice's events reach a subscriber in the order
 * they happened). Notifications tell the patient of {@link org.pavilion.billing.api.InvoiceIssued}; finance and
 * insurer-facing systems follow payments and claims. Amounts are decimal strings in {@code currency} (ISO 4217).
 * Delivery is at least once: consumers key on the ids carried here. Billing's price list reaches scheduling through
 * {@code org.pavilion.scheduling.api.VisitCostEstimator}, which billing registers.
 */
@Export
@Version("1.0.0")
package org.pavilion.billing.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
