package org.pavilion.pharmacy.internal.stock;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Query;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyConfig;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.catalogue.ItemStoreEntity;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;

/**
 * Stock lines: an item's stock in a store by batch, with each batch's expiry colour and the item's reorder level
 * there. A store lists the items it holds and those it has a reorder rule for (an empty shelf that should not be).
 */
@Component(service = StockLevels.class, configurationPid = PharmacyConfig.PID)
// No @Designate: PharmacyConfig's own pid designates it.
public class StockLevels {

    public static final String VIEW = "pharmacy.stock.view";

    private final JpaTransactions jpa;
    private final StockLedger ledger;
    private final LongSupplier clock;
    private volatile int expiryWindowDays;

    @Activate
    public StockLevels(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference StockLedger ledger, PharmacyConfig config) {
        this(new JpaTransactions(emf), ledger, config.expiryWindowDays(), System::currentTimeMillis);
    }

    /** For tests on PharmacyDatabase. */
    public StockLevels(JpaTransactions jpa, StockLedger ledger, int expiryWindowDays, LongSupplier clock) {
        this.jpa = jpa;
        this.ledger = ledger;
        this.expiryWindowDays = expiryWindowDays;
        this.clock = clock;
    }

    @Modified
    void modified(PharmacyConfig config) {
        expiryWindowDays = config.expiryWindowDays();
    }

    /** Lines by store and item; {@code q} matches the item's code, name or generic name; every filter may be null. */
    public Page<StockViews.StockLine> list(String store, String item, String q, int page, int size) {
        Page.validate(page, size);
        String text = q == null || q.isBlank() ? null : "%" + q.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "").replace("%", "").replace("_", "") + "%";
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (store != null && !store.isBlank()) {
            where.append(" AND p.store_code = ?1");
        }
        if (item != null && !item.isBlank()) {
            where.append(" AND p.item_code = ?2");
        }
        if (text != null) {
            where.append(" AND (LOWER(i.code) LIKE ?3 OR LOWER(i.name) LIKE ?3 OR LOWER(i.generic_name) LIKE ?3)");
        }
        String pairs = " FROM (SELECT store_code, item_code FROM ph_stock WHERE quantity > 0"
                + " UNION SELECT store_code, item_code FROM ph_item_store) p JOIN ph_item i ON i.code = p.item_code";
        LocalDate today = ledger.dayOf(clock.getAsLong());
        return jpa.call(em -> {
            Query count = em.createNativeQuery("SELECT COUNT(*)" + pairs + where);
            Query rows = em.createNativeQuery("SELECT p.store_code, p.item_code" + pairs + where
                    + " ORDER BY p.store_code, p.item_code");
            for (Query query : List.of(count, rows)) {
                if (store != null && !store.isBlank()) {
                    query.setParameter(1, store.strip());
                }
                if (item != null && !item.isBlank()) {
                    query.setParameter(2, item.strip());
                }
                if (text != null) {
                    query.setParameter(3, text);
                }
            }
            List<StockViews.StockLine> lines = new ArrayList<>();
            for (Object row : rows.setFirstResult(page * size).setMaxResults(size).getResultList()) {
                Object[] r = (Object[]) row;
                lines.add(line(em, (String) r[0], em.find(ItemEntity.class, r[1]), today));
            }
            return Page.of(lines, page, size, () -> ((Number) count.getSingleResult()).longValue());
        });
    }

    /** One line, empty when the store holds none of the item; 404 for an unknown store or item. */
    public StockViews.StockLine get(String store, String item) {
        LocalDate today = ledger.dayOf(clock.getAsLong());
        return jpa.call(em -> {
            if (store == null || em.find(StoreEntity.class, store.strip()) == null) {
                throw ProblemException.notFound("Store", store);
            }
            ItemEntity i = item == null ? null : em.find(ItemEntity.class, item.strip());
            if (i == null) {
                throw ProblemException.notFound("Item", item);
            }
            return line(em, store.strip(), i, today);
        });
    }

    private StockViews.StockLine line(EntityManager em, String store, ItemEntity item, LocalDate today) {
        StockViews.StockLine line = new StockViews.StockLine();
        line.storeCode = store;
        line.itemCode = item.getCode();
        line.itemName = item.getName();
        line.unit = item.getUnitOfIssue();
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal usable = BigDecimal.ZERO;
        for (StockLedger.BatchStock b : StockLedger.batches(em, store, item.getCode(), null)) {
            StockViews.BatchLine bl = new StockViews.BatchLine();
            bl.batchNumber = b.batchNumber();
            bl.expiryDate = b.expiryDate();
            bl.quantity = Quantities.text(b.quantity());
            bl.expiry = expiry(b.expiryDate(), today, expiryWindowDays);
            line.batches.add(bl);
            onHand = onHand.add(b.quantity());
            if (!bl.expiry.equals("EXPIRED")) {
                usable = usable.add(b.quantity());
            }
        }
        line.onHand = Quantities.text(onHand);
        line.usable = Quantities.text(usable);
        ItemStoreEntity rule = em.find(ItemStoreEntity.class, new ItemStoreEntity.Key(item.getCode(), store));
        if (rule != null) {
            line.reorderLevel = Quantities.text(rule.getReorderLevel());
            line.belowReorder = usable.compareTo(rule.getReorderLevel()) < 0;
        }
        return line;
    }

    /** EXPIRED (before today), EXPIRING (within the window, today included), OK, or NONE without an expiry. */
    static String expiry(String expiryDate, LocalDate today, int windowDays) {
        if (expiryDate == null) {
            return "NONE";
        }
        LocalDate expires = LocalDate.parse(expiryDate);
        if (expires.isBefore(today)) {
            return "EXPIRED";
        }
        return expires.isAfter(today.plusDays(windowDays)) ? "OK" : "EXPIRING";
    }
}
