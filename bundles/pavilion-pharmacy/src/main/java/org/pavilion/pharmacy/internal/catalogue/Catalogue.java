package org.pavilion.pharmacy.internal.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * The item catalogue as the rest of the department reads it: an item by code (name, unit of issue, generic name,
 * ATC, price reference, packs) and a search. Read on every dispense and order line, edited a few times a month, so
 * items are cached by code and the whole cache is dropped after each edit ({@link #invalidate}, called by
 * {@link ItemService}). Unknown codes are not remembered, so an item added by other means is seen at once.
 */
@Component(service = Catalogue.class)
public class Catalogue {

    /** At most this many items from one {@link #search}. */
    public static final int MAX_SEARCH = 200;

    private final JpaTransactions jpa;
    private final Map<String, CatalogueItem> byCode = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a load that started before it is not cached. */
    private long generation;

    @Activate
    public Catalogue(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf) {
        this(new JpaTransactions(emf));
    }

    /** For tests (of any part of the department) on PharmacyDatabase. */
    public static Catalogue of(JpaTransactions jpa) {
        return new Catalogue(jpa);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private Catalogue(JpaTransactions jpa) {
        this.jpa = jpa;
    }

    /** The item of {@code code} (any case, blanks around forgiven), active or not; empty when unknown. */
    public Optional<CatalogueItem> item(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String key = normalise(code);
        CatalogueItem cached = byCode.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = generation();
        Optional<CatalogueItem> loaded = jpa.call(em -> load(em, key));
        loaded.ifPresent(item -> cache(item, seen));
        return loaded;
    }

    /**
     * Active items whose code, name or generic name contains {@code q}, or whose ATC code starts with it, by code;
     * at most {@code limit} (1 to {@value #MAX_SEARCH}). A blank {@code q} lists active items from the start.
     */
    public List<CatalogueItem> search(String q, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_SEARCH));
        ItemQuery query = new ItemQuery(q, null, Boolean.TRUE);
        List<String> codes = jpa.call(em -> query.bind(em.createQuery(
                        "SELECT i.code FROM ItemEntity i" + query.where() + " ORDER BY i.code", String.class))
                .setMaxResults(max).getResultList());
        List<CatalogueItem> found = new ArrayList<>(codes.size());
        for (String code : codes) {
            item(code).ifPresent(found::add);
        }
        return found;
    }

    /** Drops every cached item; called after a catalogue edit commits (or fails: it may have half-happened). */
    public synchronized void invalidate() {
        generation++;
        byCode.clear();
    }

    /** Codes are kept in upper case; lookups forgive case and surrounding blanks. */
    public static String normalise(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    /** An item with its packs, read in the caller's transaction. */
    static Optional<CatalogueItem> load(EntityManager em, String code) {
        ItemEntity item = em.find(ItemEntity.class, code);
        if (item == null) {
            return Optional.empty();
        }
        return Optional.of(CatalogueItem.of(item, packs(em, code)));
    }

    static List<ItemPackEntity> packs(EntityManager em, String code) {
        return em.createQuery("SELECT p FROM ItemPackEntity p WHERE p.itemCode = :c ORDER BY p.units, p.name",
                ItemPackEntity.class).setParameter("c", code).getResultList();
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized void cache(CatalogueItem item, long seen) {
        if (generation == seen) {
            byCode.put(item.code(), item);
        }
    }
}
