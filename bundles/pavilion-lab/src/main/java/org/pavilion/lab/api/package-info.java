/**
 * What other bundles may know of the laboratory: the payloads of its events, published on the event bus under each
 * class's {@code TYPE} with subject key {@code lab-order:<orderId>} (so one order's events reach a subscriber in the
 * order they happened). Billing charges on {@link org.pavilion.lab.api.LabTestCompleted}, notifications tell doctors
 * and patients on {@link org.pavilion.lab.api.LabResultReleased} and {@link org.pavilion.lab.api.CriticalLabResult}.
 * Delivery is at least once: consumers key on the ids carried here.
 */
@Export
@Version("1.0.0")
package org.pavilion.lab.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
