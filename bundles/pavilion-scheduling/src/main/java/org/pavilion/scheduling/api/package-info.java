/**
 * What other bundles may know of the scheduling department: the payloads of its events (published on the event bus
 * under each class's {@code TYPE}, subject key {@code appointment:<id>}, or {@code waiting:<id>} for
 * {@link org.pavilion.scheduling.api.SlotOffered}) and the {@link org.pavilion.scheduling.api.VisitCostEstimator}
 * SPI a billing department implements so that booking shows a cost estimate.
 */
@Export
@Version("1.0.0")
package org.pavilion.scheduling.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
