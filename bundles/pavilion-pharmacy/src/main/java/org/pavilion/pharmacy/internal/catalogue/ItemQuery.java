package org.pavilion.pharmacy.internal.catalogue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.persistence.TypedQuery;

/**
 * The item search shared by REST's list and {@link Catalogue#search}: {@code q} matches a part of the code, name or
 * generic name (any case), or the start of the ATC code, so "N02" finds every analgesic opioid and "N02BE" the
 * anilides. Filters left null do not filter.
 */
final class ItemQuery {

    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    ItemQuery(String q, String kind, Boolean active) {
        String text = q == null ? "" : q.strip();
        if (!text.isEmpty()) {
            // LIKE wildcards typed by the user are taken out rather than escaped: codes and names do not need them
            String plain = text.replace("\\", "").replace("%", "").replace("_", "");
            where.append(" AND (LOWER(i.code) LIKE :contains OR LOWER(i.name) LIKE :contains"
                    + " OR LOWER(i.genericName) LIKE :contains OR i.atcCode LIKE :atcPrefix)");
            parameters.put("contains", "%" + plain.toLowerCase(Locale.ROOT) + "%");
            parameters.put("atcPrefix", plain.toUpperCase(Locale.ROOT) + "%");
        }
        if (kind != null) {
            where.append(" AND i.kind = :kind");
            parameters.put("kind", kind);
        }
        if (active != null) {
            where.append(" AND i.active = :active");
            parameters.put("active", active);
        }
    }

    /** The WHERE clause over {@code ItemEntity i}. */
    String where() {
        return where.toString();
    }

    <T> TypedQuery<T> bind(TypedQuery<T> query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
