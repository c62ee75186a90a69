package org.pavilion.billing.internal.charges;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.pavilion.pharmacy.api.MedicationReturned;

/**
 * The pharmacy's {@code MedicationReturned}: a credit (negative quantity) at the unit price the dispense was charged
 * at, once per return; parked while the dispense has no charge. The only class that loads this pharmacy api class.
 */
final class ReturnCredits {

    private final ChargeService charges;

    ReturnCredits(ChargeService charges) {
        this.charges = charges;
    }

    Filed onEvent(String json, String actor) throws IOException {
        MedicationReturned e = EventDays.JSON.readValue(json, MedicationReturned.class);
        String id = EventDays.required("returnId", e.returnId);
        LocalDate day = EventDays.day(e.returnedAt, charges.zone());
        BigDecimal quantity = EventDays.quantity(e.quantity);
        ChargeRows.Incoming in = new ChargeRows.Incoming(ChargeRows.PHARMACY_RETURN, id, e.patientId, null,
                e.priceReference, quantity == null ? null : quantity.negate(), day, null,
                "return of dispense " + e.dispenseId, json);
        return charges.file(in, quantity == null ? em -> new ChargeService.Pricing(null, "quantity '" + e.quantity
                + "' is not a positive number") : charges.asDispensed(e.dispenseId), actor);
    }
}
