/**
 * What other bundles may know of the pharmacy: the payloads of its events, published on the event bus under each
 * class's {@code TYPE}. Dispensing events carry subject key {@code ph-prescription:<prescriptionId>} (one
 * prescription's events reach a subscriber in the order they happened), alerts {@code ph-item:<itemCode>}. Billing
 * charges on {@link org.pavilion.pharmacy.api.MedicationDispensed} and credits on
 * {@link org.pavilion.pharmacy.api.MedicationReturned}; the record shows what was handed over; notifications tell the
 * pharmacists of {@link org.pavilion.pharmacy.api.StockAlertRaised}. Delivery is at least once: consumers key on the
 * ids carried here.
 */
@Export
@Version("1.0.0")
package org.pavilion.pharmacy.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
