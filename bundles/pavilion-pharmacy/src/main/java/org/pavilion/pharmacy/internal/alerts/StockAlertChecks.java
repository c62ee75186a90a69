package org.pavilion.pharmacy.internal.alerts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import javax.persistence.EntityManagerFactory;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.pharmacy.api.StockAlertRaised;
import org.pavilion.pharmacy.internal.alerts.AlertBook.Condition;

/**
 * One run of each scheduled check, without Camel (the routes only call these). Each run is one transaction:
 * finding the conditions, {@link AlertBook#sync} and the events. Time and the business day come from the clock.
 */
public class StockAlertChecks {

    public static final String REORDER = "REORDER";
    public static final String EXPIRY = "EXPIRY";

    private final JpaTransactions jpa;
    private final StoreReorderSuggestions suggestions;
    private final EventPublisher events;
    private final Clock clock;
    private final IntSupplier expiryWindowDays;

    public StockAlertChecks(EntityManagerFactory emf, StoreReorderSuggestions suggestions, EventPublisher events,
            Clock clock, IntSupplier expiryWindowDays) {
        this.jpa = new JpaTransactions(emf);
        this.suggestions = suggestions;
        this.events = events;
        this.clock = clock;
        this.expiryWindowDays = expiryWindowDays;
    }

    /** Items at or below their reorder level in each active store; the alerts raised by this run. */
    public List<StockAlertRaised> checkReorder() {
        long now = clock.millis();
        return jpa.call(em -> {
            List<Condition> found = new ArrayList<>();
            for (String store : em.createQuery("SELECT s.code FROM StoreEntity s WHERE s.active = TRUE ORDER BY s.code",
                    String.class).getResultList()) {
                for (ReorderSuggestions.Suggestion s : suggestions.forStore(em, store)) {
                    found.add(new Condition(REORDER + ":" + store + ":" + s.itemCode(), REORDER, store, s.itemCode(),
                            s.itemName(), s.unit(), s.onHand(),
                            AlertBook.plain(s.onHand()) + " " + s.unit() + " on hand, reorder level "
                                    + AlertBook.plain(s.reorderLevel()) + "; order " + AlertBook.plain(s.suggestedQuantity())
                                    + (s.stockOutDate() == null ? "" : "; runs out " + s.stockOutDate()),
                            null, null, null, s.reorderLevel(), s.suggestedQuantity()));
                }
            }
            return AlertBook.sync(em, events, REORDER, found, now);
        });
    }

    /**
     * Batches with stock in a store whose expiry is within {@code expiryWindowDays} of today, those already expired
     * included; the alerts raised by this run.
     */
    public List<StockAlertRaised> checkExpiry() {
        long now = clock.millis();
        LocalDate today = LocalDate.now(clock);
        LocalDate until = today.plusDays(Math.max(0, expiryWindowDays.getAsInt()));
        return jpa.call(em -> {
            List<Condition> found = new ArrayList<>();
            for (Object row : em.createNativeQuery("SELECT s.store_code, s.batch_id, s.item_code, b.batch_number,"
                            + " b.expiry_date, s.quantity, i.name, i.unit_of_issue FROM ph_stock s"
                            + " JOIN ph_batch b ON b.id = s.batch_id JOIN ph_item i ON i.code = s.item_code"
                            + " WHERE s.quantity > 0 AND b.expiry_date IS NOT NULL AND b.expiry_date <= ?1"
                            + " ORDER BY b.expiry_date, s.store_code, b.batch_number")
                    .setParameter(1, until.toString()).getResultList()) {
                Object[] r = (Object[]) row;
                String store = (String) r[0];
                String expiry = (String) r[4];
                BigDecimal quantity = r[5] instanceof BigDecimal b ? b : new BigDecimal(r[5].toString());
                long inDays = ChronoUnit.DAYS.between(today, LocalDate.parse(expiry));
                String when = inDays < 0 ? "expired on " + expiry
                        : inDays == 0 ? "expires today" : "expires on " + expiry + " (in " + inDays + " days)";
                found.add(new Condition(EXPIRY + ":" + store + ":" + r[1], EXPIRY, store, (String) r[2],
                        (String) r[6], (String) r[7], quantity,
                        "batch " + r[3] + ": " + AlertBook.plain(quantity) + " " + r[7] + " " + when,
                        (String) r[1], (String) r[3], expiry, null, null));
            }
            return AlertBook.sync(em, events, EXPIRY, found, now);
        });
    }
}
