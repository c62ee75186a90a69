package org.pavilion.pharmacy.internal.alerts;

import java.math.BigDecimal;
import java.util.List;

/** What to order for a store: items at or below their reorder level, with a quantity from the forecast. */
public interface ReorderSuggestions {

    /**
     * One suggested line. {@code suggestedQuantity}: enough for the lead time and cover days of forecast consumption
     * above what is on hand, never less than the item's reorder quantity; {@code stockOutDate} ISO date or null.
     */
    record Suggestion(String storeCode, String itemCode, String itemName, String unit, BigDecimal onHand,
            BigDecimal reorderLevel, BigDecimal reorderQuantity, BigDecimal suggestedQuantity, String stockOutDate) {
    }

    /** The suggestions for one store, most urgent (earliest stock-out) first. */
    List<Suggestion> forStore(String storeCode);
}
