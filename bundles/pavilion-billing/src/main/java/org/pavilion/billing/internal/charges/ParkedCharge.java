package org.pavilion.billing.internal.charges;

import java.time.Instant;

import org.pavilion.billing.internal.money.Amounts;

/**
 * A parked charge as REST answers it: what is known of it and why it waits. The payload as received stays in the
 * table (it may carry clinical detail billing staff do not see).
 */
public record ParkedCharge(String id, String sourceType, String sourceId, String patientId, String encounterId,
        String doctorId, String priceCode, String quantity, String serviceDate, String reason, String receivedAt,
        String status, String chargeId, String resolvedAt, String resolvedBy, String resolutionNote, int version) {

    static ParkedCharge of(ParkedChargeEntity p) {
        return new ParkedCharge(p.getId(), p.getSourceType(), p.getSourceId(), p.getPatientId(), p.getEncounterId(),
                p.getDoctorId(), p.getPriceCode(), Amounts.text(p.getQuantity()), p.getServiceDate(), p.getReason(),
                Instant.ofEpochMilli(p.getReceivedMs()).toString(), p.getStatus(), p.getChargeId(),
                p.getResolvedMs() == null ? null : Instant.ofEpochMilli(p.getResolvedMs()).toString(),
                p.getResolvedBy(), p.getResolutionNote(), p.getVersion());
    }
}
