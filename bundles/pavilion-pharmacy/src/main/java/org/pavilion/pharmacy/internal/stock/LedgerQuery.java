package org.pavilion.pharmacy.internal.stock;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/** The ledger as the pharmacist reads it: movements newest first, by store, item, business days and kind. */
@Component(service = LedgerQuery.class)
public class LedgerQuery {

    private final JpaTransactions jpa;

    @Activate
    public LedgerQuery(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf) {
        this(new JpaTransactions(emf));
    }

    /** For tests on PharmacyDatabase. */
    LedgerQuery(JpaTransactions jpa) {
        this.jpa = jpa;
    }

    /** {@code from} and {@code to} are business days (yyyy-MM-dd, both included); every filter may be null. */
    public Page<StockViews.Movement> list(String store, String item, String from, String to, String kind, int page,
            int size) {
        Page.validate(page, size);
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw ProblemException.validation("from (" + first + ") is after to (" + last + ")");
        }
        String k = kind == null || kind.isBlank() ? null : kind.strip().toUpperCase(Locale.ROOT);
        if (k != null) {
            try {
                MovementKind.valueOf(k);
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation("kind must be one of " + List.of(MovementKind.values()) + " (was '"
                        + kind.strip() + "')");
            }
        }
        boolean byStore = store != null && !store.isBlank();
        boolean byItem = item != null && !item.isBlank();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (byStore) {
            where.append(" AND m.storeCode = :store");
        }
        if (byItem) {
            where.append(" AND m.itemCode = :item");
        }
        if (first != null) {
            where.append(" AND m.businessDay >= :first");
        }
        if (last != null) {
            where.append(" AND m.businessDay <= :last");
        }
        if (k != null) {
            where.append(" AND m.kind = :kind");
        }
        return jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(m) FROM MovementEntity m" + where, Long.class);
            TypedQuery<MovementEntity> rows = em.createQuery("SELECT m FROM MovementEntity m" + where
                    + " ORDER BY m.atMs DESC, m.referenceId, m.kind, m.id", MovementEntity.class);
            for (TypedQuery<?> q : List.of(count, rows)) {
                if (byStore) {
                    q.setParameter("store", store.strip());
                }
                if (byItem) {
                    q.setParameter("item", item.strip());
                }
                if (first != null) {
                    q.setParameter("first", first.toString());
                }
                if (last != null) {
                    q.setParameter("last", last.toString());
                }
                if (k != null) {
                    q.setParameter("kind", k);
                }
            }
            List<StockViews.Movement> items = new ArrayList<>();
            for (MovementEntity m : rows.setFirstResult(page * size).setMaxResults(size).getResultList()) {
                items.add(StockViews.Movement.of(m, em.find(BatchEntity.class, m.getBatchId())));
            }
            return Page.of(items, page, size, () -> count.getSingleResult());
        });
    }

    private static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " '" + value.strip() + "' is not a date (yyyy-MM-dd)");
        }
    }
}
