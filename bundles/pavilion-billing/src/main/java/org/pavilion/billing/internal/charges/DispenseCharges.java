package org.pavilion.billing.internal.charges;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.pavilion.pharmacy.api.MedicationDispensed;

/**
 * The pharmacy's {@code MedicationDispensed}: the quantity handed over (unit of issue) at its {@code priceReference},
 * once per dispense. The only class that loads this pharmacy api class, and only when such an event arrives.
 */
final class DispenseCharges {

    private final ChargeService charges;

    DispenseCharges(ChargeService charges) {
        this.charges = charges;
    }

    Filed onEvent(String json, String actor) throws IOException {
        MedicationDispensed e = EventDays.JSON.readValue(json, MedicationDispensed.class);
        String id = EventDays.required("dispenseId", e.dispenseId);
        LocalDate day = EventDays.day(e.dispensedAt, charges.zone());
        BigDecimal quantity = EventDays.quantity(e.quantity);
        ChargeRows.Incoming in = new ChargeRows.Incoming(ChargeRows.PHARMACY, id, e.patientId, e.encounterId,
                e.priceReference, quantity, day, null, null, json);
        return charges.file(in, quantity == null ? em -> new ChargeService.Pricing(null, "quantity '" + e.quantity
                + "' is not a positive number") : charges.byCode(e.priceReference, day), actor);
    }
}
