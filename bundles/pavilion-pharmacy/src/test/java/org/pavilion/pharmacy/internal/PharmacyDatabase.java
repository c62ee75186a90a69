package org.pavilion.pharmacy.internal;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;
import org.pavilion.pharmacy.internal.catalogue.ItemStoreEntity;
import org.pavilion.pharmacy.internal.catalogue.StoreEntity;
import org.pavilion.pharmacy.internal.stock.BatchEntity;
import org.pavilion.pharmacy.internal.stock.MovementKind;
import org.pavilion.pharmacy.internal.stock.StockLedger;

/**
 * A fresh database with the pharmacy's real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close),
 * through the OpenJPA unit {@code pharmacy-test}. The seeding helpers write catalogue rows directly and stock through
 * the real {@link StockLedger} (zone UTC), so each part's tests start from a stocked store without the other parts.
 */
public final class PharmacyDatabase implements AutoCloseable {

    public final EntityManagerFactory emf;
    /** Plain JDBC on the same database. */
    public final ChangeLogDatabase database;
    public final JpaTransactions jpa;
    public final StockLedger ledger = StockLedger.of(ZoneOffset.UTC);

    public PharmacyDatabase() throws Exception {
        database = new ChangeLogDatabase("pharmacy", "db/pharmacy-changelog.xml");
        emf = Persistence.createEntityManagerFactory("pharmacy-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
        jpa = new JpaTransactions(emf);
    }

    /** A medicine counted in {@code unit} (expiry required), unless the code exists already. */
    public void medicine(String code, String name, String generic, String strength, String form, String atc, String unit) {
        jpa.run(em -> {
            if (em.find(ItemEntity.class, code) != null) {
                return;
            }
            ItemEntity i = new ItemEntity();
            i.setCode(code);
            i.setName(name);
            i.setKind("MEDICINE");
            i.setGenericName(generic);
            i.setStrength(strength);
            i.setForm(form);
            i.setAtcCode(atc);
            i.setUnitOfIssue(unit);
            i.setExpiryRequired(true);
            i.setPriceReference("PH-" + code);
            i.setActive(true);
            em.persist(i);
        });
    }

    /** A supply without expiry (gauze, gloves), unless the code exists already. */
    public void supply(String code, String name, String unit) {
        jpa.run(em -> {
            if (em.find(ItemEntity.class, code) != null) {
                return;
            }
            ItemEntity i = new ItemEntity();
            i.setCode(code);
            i.setName(name);
            i.setKind("SUPPLY");
            i.setUnitOfIssue(unit);
            i.setExpiryRequired(false);
            i.setActive(true);
            em.persist(i);
        });
    }

    /** A store of {@code kind} (CENTRAL, WARD, PHARMACY), unless the code exists already. */
    public void store(String code, String name, String kind, boolean dispensing) {
        jpa.run(em -> {
            if (em.find(StoreEntity.class, code) != null) {
                return;
            }
            StoreEntity s = new StoreEntity();
            s.setCode(code);
            s.setName(name);
            s.setKind(kind);
            s.setDispensing(dispensing);
            s.setActive(true);
            em.persist(s);
        });
    }

    /** The reorder rule of an item in a store. */
    public void reorderRule(String itemCode, String storeCode, String level, String quantity) {
        jpa.run(em -> {
            ItemStoreEntity r = new ItemStoreEntity();
            r.setItemCode(itemCode);
            r.setStoreCode(storeCode);
            r.setReorderLevel(new BigDecimal(level));
            r.setReorderQuantity(new BigDecimal(quantity));
            em.merge(r);
        });
    }

    /** A batch of an item expiring on {@code expiry} (ISO date, or null); its id. */
    public String batch(String itemCode, String batchNumber, String expiry) {
        String id = UUID.randomUUID().toString();
        jpa.run(em -> {
            BatchEntity b = new BatchEntity();
            b.setId(id);
            b.setItemCode(itemCode);
            b.setBatchNumber(batchNumber);
            b.setExpiryDate(expiry);
            b.setCreatedMs(System.currentTimeMillis());
            em.persist(b);
        });
        return id;
    }

    /** Puts {@code quantity} of a batch into a store through the ledger, as a receipt by "seed". */
    public void stock(String storeCode, String itemCode, String batchId, String quantity) {
        jpa.run(em -> ledger.post(em, "seed", System.currentTimeMillis(), List.of(new StockLedger.Movement(
                MovementKind.RECEIPT, storeCode, itemCode, batchId, new BigDecimal(quantity), null, "GOODS_RECEIPT",
                UUID.randomUUID().toString(), null))));
    }

    /** Paracetamol 500 mg tablets and amoxicillin 500 mg capsules, gauze swabs; stores CENTRAL, MAIN (dispensing), WARD-A. */
    public void starter() {
        medicine("PARA500", "Paracetamol 500 mg tablet", "paracetamol", "500 mg", "TABLET", "N02BE01", "tablet");
        medicine("AMOX500", "Amoxicillin 500 mg capsule", "amoxicillin", "500 mg", "CAPSULE", "J01CA04", "capsule");
        supply("GAUZE", "Gauze swab 10x10 cm", "piece");
        store("CENTRAL", "Central store", "CENTRAL", false);
        store("MAIN", "Main pharmacy", "PHARMACY", true);
        store("WARD-A", "Ward A", "WARD", false);
    }

    /**
     * Removes every reorder rule, the starter catalogue's included: for tests that read only the rules they set
     * (alerts, suggestions, stock lines).
     */
    public void withoutReorderRules() {
        jpa.run(em -> em.createNativeQuery("DELETE FROM ph_item_store").executeUpdate());
    }

    /** Stock of an item in a store, summed over batches. */
    public BigDecimal onHand(String storeCode, String itemCode) {
        return jpa.call(em -> StockLedger.onHand(em, storeCode, itemCode));
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
