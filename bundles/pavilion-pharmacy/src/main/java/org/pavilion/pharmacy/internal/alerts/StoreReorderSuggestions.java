package org.pavilion.pharmacy.internal.alerts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;
import org.pavilion.pharmacy.internal.forecast.ConsumptionHistory;
import org.pavilion.pharmacy.internal.forecast.Forecasts;
import org.pavilion.pharmacy.internal.forecast.Projection;

/**
 * Active items whose usable stock in the store (batches not expired today) is at or below the reorder level of
 * their rule there, each with the quantity from its forecast ({@link Projection}: lead time and cover days of
 * forecast consumption above what is on hand, at least the rule's reorder quantity). A whole store costs three
 * queries: the rules, the stock, and one of the history of the items found, summed by item and day.
 */
@Component(service = {ReorderSuggestions.class, StoreReorderSuggestions.class})
public class StoreReorderSuggestions implements ReorderSuggestions {

    private final JpaTransactions jpa;
    private final Forecasts forecasts;

    @Activate
    public StoreReorderSuggestions(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference Forecasts forecasts) {
        this.jpa = new JpaTransactions(emf);
        this.forecasts = forecasts;
    }

    /** @throws ProblemException 404 for an unknown store */
    @Override
    public List<Suggestion> forStore(String storeCode) {
        return jpa.call(em -> forStore(em, storeCode));
    }

    /** The same in the caller's transaction. */
    public List<Suggestion> forStore(EntityManager em, String storeCode) {
        if (storeCode == null || em.find(StoreEntity.class, storeCode) == null) {
            throw ProblemException.notFound("store", storeCode);
        }
        Map<String, BigDecimal> stock = ConsumptionHistory.usableStock(em, storeCode, forecasts.today());
        Map<String, Object[]> low = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT r.item_code, i.name, i.unit_of_issue, r.reorder_level,"
                        + " r.reorder_quantity FROM ph_item_store r JOIN ph_item i ON i.code = r.item_code"
                        + " WHERE r.store_code = ?1 AND i.active = ?2")
                .setParameter(1, storeCode).setParameter(2, true).getResultList()) {
            Object[] r = (Object[]) row;
            if (stock.getOrDefault((String) r[0], BigDecimal.ZERO).compareTo(decimal(r[3])) <= 0) {
                low.put((String) r[0], r);
            }
        }
        Map<String, BigDecimal> reorderQuantity = new HashMap<>();
        low.forEach((item, r) -> reorderQuantity.put(item, decimal(r[4])));
        Map<String, Projection> projections = forecasts.project(em, storeCode, low.keySet(), stock, reorderQuantity);
        List<Suggestion> out = new ArrayList<>(low.size());
        low.forEach((item, r) -> {
            Projection p = projections.get(item);
            out.add(new Suggestion(storeCode, item, (String) r[1], (String) r[2], plain(p.onHand()),
                    plain(decimal(r[3])), plain(decimal(r[4])), p.suggestedQuantity(),
                    p.stockOutDate() == null ? null : p.stockOutDate().toString()));
        });
        // ISO dates sort as they read; an item whose stock lasts the forecast goes last.
        out.sort(Comparator.comparing(Suggestion::stockOutDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Suggestion::itemCode));
        return out;
    }

    private static BigDecimal decimal(Object o) {
        return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.signum() == 0 ? BigDecimal.ZERO : v;
    }
}
