package org.pavilion.pharmacy.internal.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Query;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/** Reading {@code ph_alert}: the newest raised first, with the item's name and the batch of an expiry alert. */
@Component(service = AlertList.class)
public class AlertList {

    static final String PRIVILEGE = "pharmacy.alerts.view";
    private static final Set<String> KINDS = Set.of(StockAlertChecks.REORDER, StockAlertChecks.EXPIRY);

    private final JpaTransactions jpa;

    @Activate
    public AlertList(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    /**
     * @param kind  REORDER, EXPIRY or null for both
     * @param store a store code or null for all
     * @param open  true: only open, false: only resolved, null: both
     */
    public Page<Alert> list(String kind, String store, Boolean open, int page, int size) {
        Page.validate(page, size);
        if (kind != null && !KINDS.contains(kind)) {
            throw ProblemException.validation("kind must be REORDER or EXPIRY, not " + kind);
        }
        StringBuilder where = new StringBuilder(" FROM ph_alert a JOIN ph_item i ON i.code = a.item_code"
                + " LEFT JOIN ph_batch b ON b.id = a.batch_id WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (kind != null) {
            params.add(kind);
            where.append(" AND a.kind = ?").append(params.size());
        }
        if (store != null) {
            params.add(store);
            where.append(" AND a.store_code = ?").append(params.size());
        }
        if (open != null) {
            where.append(open ? " AND a.resolved_ms IS NULL" : " AND a.resolved_ms IS NOT NULL");
        }
        return jpa.call(em -> {
            Query count = em.createNativeQuery("SELECT COUNT(*)" + where);
            Query rows = em.createNativeQuery("SELECT a.alert_key, a.kind, a.store_code, a.item_code, i.name,"
                    + " b.batch_number, b.expiry_date, a.quantity, a.detail, a.raised_ms, a.resolved_ms" + where
                    + " ORDER BY a.raised_ms DESC, a.alert_key");
            for (int i = 0; i < params.size(); i++) {
                count.setParameter(i + 1, params.get(i));
                rows.setParameter(i + 1, params.get(i));
            }
            List<Alert> items = new ArrayList<>();
            for (Object row : rows.setFirstResult(page * size).setMaxResults(size).getResultList()) {
                Object[] r = (Object[]) row;
                Alert a = new Alert();
                a.key = (String) r[0];
                a.kind = (String) r[1];
                a.storeCode = (String) r[2];
                a.itemCode = (String) r[3];
                a.itemName = (String) r[4];
                a.batchNumber = (String) r[5];
                a.expiryDate = (String) r[6];
                a.quantity = r[7] == null ? null : AlertBook.plain(new java.math.BigDecimal(r[7].toString()));
                a.detail = (String) r[8];
                a.raisedAt = Instant.ofEpochMilli(((Number) r[9]).longValue()).toString();
                a.resolvedAt = r[10] == null ? null : Instant.ofEpochMilli(((Number) r[10]).longValue()).toString();
                items.add(a);
            }
            return Page.of(items, page, size, () -> ((Number) count.getSingleResult()).longValue());
        });
    }
}
