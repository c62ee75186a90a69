package org.pavilion.pharmacy.internal.soap;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.catalogue.Catalogue;
import org.pavilion.pharmacy.internal.catalogue.CatalogueItem;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * An item's stock by store and batch, read through {@link StockLedger}'s queries in one transaction so the totals
 * and the lines agree. Without a store: every store that holds some of it; with one: that store, even when empty.
 */
@Component(service = StockOf.class)
public class StockOf {

    private final JpaTransactions jpa;
    private final Catalogue catalogue;
    private final StockLedger ledger;

    @Activate
    public StockOf(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference Catalogue catalogue, @Reference StockLedger ledger) {
        this(new JpaTransactions(emf), catalogue, ledger);
    }

    /** For tests on PharmacyDatabase. */
    StockOf(JpaTransactions jpa, Catalogue catalogue, StockLedger ledger) {
        this.jpa = jpa;
        this.catalogue = catalogue;
        this.ledger = ledger;
    }

    /**
     * @param storeCode optional
     * @throws ProblemException 400 without an item code, 404 for an unknown item or store
     */
    public ItemStock of(String itemCode, String storeCode) {
        if (itemCode == null || itemCode.isBlank()) {
            throw ProblemException.validation("itemCode is required");
        }
        CatalogueItem item = catalogue.item(itemCode)
                .orElseThrow(() -> ProblemException.notFound("Item", itemCode.strip()));
        String store = storeCode == null || storeCode.isBlank() ? null : Catalogue.normalise(storeCode);
        LocalDate today = ledger.dayOf(System.currentTimeMillis());
        return jpa.call(em -> {
            List<StoreEntity> stores;
            if (store == null) {
                stores = em.createQuery("SELECT s FROM StoreEntity s ORDER BY s.code", StoreEntity.class).getResultList();
            } else {
                StoreEntity s = em.find(StoreEntity.class, store);
                if (s == null) {
                    throw ProblemException.notFound("Store", store);
                }
                stores = List.of(s);
            }
            ItemStock answer = new ItemStock();
            answer.itemCode = item.code();
            answer.itemName = item.name();
            answer.unit = item.unitOfIssue();
            answer.active = item.active();
            BigDecimal onHand = BigDecimal.ZERO;
            BigDecimal usable = BigDecimal.ZERO;
            for (StoreEntity s : stores) {
                List<StockLedger.BatchStock> batches = StockLedger.batches(em, s.getCode(), item.code(), null);
                if (batches.isEmpty() && store == null) {
                    continue;
                }
                ItemStock.StoreStock line = new ItemStock.StoreStock();
                line.storeCode = s.getCode();
                line.storeName = s.getName();
                BigDecimal storeOnHand = BigDecimal.ZERO;
                BigDecimal storeUsable = BigDecimal.ZERO;
                for (StockLedger.BatchStock b : batches) {
                    ItemStock.BatchStock batch = new ItemStock.BatchStock();
                    batch.batchNumber = b.batchNumber();
                    batch.expiryDate = b.expiryDate();
                    batch.quantity = plain(b.quantity());
                    batch.expired = b.expiryDate() != null && LocalDate.parse(b.expiryDate()).isBefore(today);
                    line.batches.add(batch);
                    storeOnHand = storeOnHand.add(b.quantity());
                    if (!batch.expired) {
                        storeUsable = storeUsable.add(b.quantity());
                    }
                }
                line.onHand = plain(storeOnHand);
                line.usable = plain(storeUsable);
                answer.stores.add(line);
                onHand = onHand.add(storeOnHand);
                usable = usable.add(storeUsable);
            }
            answer.onHand = plain(onHand);
            answer.usable = plain(usable);
            return answer;
        });
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
