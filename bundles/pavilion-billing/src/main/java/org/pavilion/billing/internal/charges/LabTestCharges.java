package org.pavilion.billing.internal.charges;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.pavilion.lab.api.LabTestCompleted;

/**
 * The lab's {@code LabTestCompleted}: one test at its {@code priceReference}, once per order item. The only class
 * that loads a lab api class, and only when such an event arrives.
 */
final class LabTestCharges {

    private final ChargeService charges;

    LabTestCharges(ChargeService charges) {
        this.charges = charges;
    }

    Filed onEvent(String json, String actor) throws IOException {
        LabTestCompleted e = EventDays.JSON.readValue(json, LabTestCompleted.class);
        String id = EventDays.required("itemId", e.itemId);
        LocalDate day = EventDays.day(e.completedAt, charges.zone());
        ChargeRows.Incoming in = new ChargeRows.Incoming(ChargeRows.LAB, id, e.patientId, e.encounterId,
                e.priceReference, BigDecimal.ONE, day, null, null, json);
        return charges.file(in, charges.byCode(e.priceReference, day), actor);
    }
}
