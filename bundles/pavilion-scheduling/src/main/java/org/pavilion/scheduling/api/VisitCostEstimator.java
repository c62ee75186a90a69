package org.pavilion.scheduling.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Prices a visit from the hospital's price list: implemented by a billing department and registered as an OSGi
 * service. Scheduling uses it when one is registered (the directory's consultation fee, the estimate at booking)
 * and shows no price when none is. Called synchronously on a booking request: answer from memory or one query.
 */
@ConsumerType
public interface VisitCostEstimator {

    /** A visit to price. {@code patientId} is null for the public directory (no insurance known). */
    @ProviderType
    record Visit(String patientId, String doctorId, String specialty, String serviceCode, String visitType,
            LocalDate date) {
    }

    /**
     * An amount in a currency (ISO 4217), exact decimal. {@code insuranceShare} and {@code patientShare} are null
     * when no insurance applies.
     */
    @ProviderType
    record Estimate(BigDecimal total, BigDecimal insuranceShare, BigDecimal patientShare, String currency,
            String note) {
    }

    /** The fee of the visit on {@code visit.date()}, before insurance; empty when the price list has none. */
    Optional<Estimate> consultationFee(Visit visit);

    /** The estimate for this patient (with their insurance); empty when the price list has no price for it. */
    Optional<Estimate> estimate(Visit visit);
}
