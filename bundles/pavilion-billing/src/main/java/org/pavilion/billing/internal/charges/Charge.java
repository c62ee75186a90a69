package org.pavilion.billing.internal.charges;

import java.time.Instant;

import org.pavilion.billing.internal.money.Amounts;

/** A charge as REST answers it (docs/billing-api.md, "Charges"): the priced item, never clinical detail. */
public record Charge(String id, String patientId, String encounterId, String sourceType, String sourceId,
        String priceCode, String description, String category, String department, String doctorId, String quantity,
        String unitPrice, String taxRate, String serviceDate, String postedAt, String postedBy, String status,
        String invoiceId, String note, String cancelReason, String cancelledAt, String cancelledBy, int version) {

    static Charge of(ChargeEntity c) {
        return new Charge(c.getId(), c.getPatientId(), c.getEncounterId(), c.getSourceType(), c.getSourceId(),
                c.getPriceCode(), c.getDescription(), c.getCategory(), c.getDepartment(), c.getDoctorId(),
                Amounts.text(c.getQuantity()), Amounts.text(c.getUnitPrice()), Amounts.text(c.getTaxRate()),
                c.getServiceDate(), Instant.ofEpochMilli(c.getPostedMs()).toString(), c.getPostedBy(), c.getStatus(),
                c.getInvoiceId(), c.getNote(), c.getCancelReason(),
                c.getCancelledMs() == null ? null : Instant.ofEpochMilli(c.getCancelledMs()).toString(),
                c.getCancelledBy(), c.getVersion());
    }
}
