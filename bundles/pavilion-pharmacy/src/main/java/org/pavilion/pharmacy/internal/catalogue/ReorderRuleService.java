package org.pavilion.pharmacy.internal.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * Reorder rules per store: below {@code reorderLevel} on hand the reorder check raises an alert and suggests
 * {@code reorderQuantity}. A rule is set (created or replaced, last writer wins: it has no version in the contract)
 * or removed; both are audited on the store ({@code ph-store}).
 */
@Component(service = ReorderRuleService.class)
public class ReorderRuleService {

    private final JpaTransactions jpa;
    private final AuditService audit;

    @Activate
    public ReorderRuleService(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference AuditService audit) {
        this(new JpaTransactions(emf), audit);
    }

    /** For tests on PharmacyDatabase. */
    ReorderRuleService(JpaTransactions jpa, AuditService audit) {
        this.jpa = jpa;
        this.audit = audit;
    }

    /** The store's rules by item code; 404 when the store is unknown. */
    public List<ReorderRuleDto> list(String storeCode) {
        String s = Catalogue.normalise(storeCode == null ? "" : storeCode);
        return jpa.call(em -> {
            requireStore(em, s);
            return em.createQuery("SELECT r FROM ItemStoreEntity r WHERE r.storeCode = :s ORDER BY r.itemCode",
                    ItemStoreEntity.class).setParameter("s", s).getResultList().stream()
                    .map(ReorderRuleService::dto).toList();
        });
    }

    /** Sets the rule of an item in a store; 404 for an unknown store or item, 422 for levels that do not fit. */
    public ReorderRuleDto put(String storeCode, String itemCode, ReorderRuleDto in) {
        if (in == null) {
            throw ProblemException.validation("A reorder rule body is required");
        }
        String s = Catalogue.normalise(storeCode == null ? "" : storeCode);
        String i = Catalogue.normalise(itemCode == null ? "" : itemCode);
        List<String> errors = new ArrayList<>();
        if (in.storeCode != null && !in.storeCode.isBlank() && !Catalogue.normalise(in.storeCode).equals(s)) {
            errors.add("the body's storeCode " + in.storeCode.strip() + " is not the store of the address " + s);
        }
        if (in.itemCode != null && !in.itemCode.isBlank() && !Catalogue.normalise(in.itemCode).equals(i)) {
            errors.add("the body's itemCode " + in.itemCode.strip() + " is not the item of the address " + i);
        }
        BigDecimal level = notNegative(in.reorderLevel, "reorderLevel", errors);
        BigDecimal quantity = notNegative(in.reorderQuantity, "reorderQuantity", errors);
        Function<ReorderRuleDto, AuditEvent> record = set -> AuditEvent.of("UPDATE", StoreService.AUDIT_TYPE)
                .resourceId(s).detail("reorder rule " + i + ": level " + set.reorderLevel + ", quantity "
                        + set.reorderQuantity).build();
        try {
            return jpa.callAudited(audit, em -> write(em, s, i, level, quantity, errors), record);
        } catch (PersistenceException e) {
            // two pharmacists creating the same rule at once: the second insert hits the primary key; the rule
            // exists now, so setting it again replaces it (last writer wins, as for any rule edit)
            return jpa.callAudited(audit, em -> write(em, s, i, level, quantity, errors), record);
        }
    }

    private static ReorderRuleDto write(EntityManager em, String s, String i, BigDecimal level, BigDecimal quantity,
            List<String> inputErrors) {
        requireStore(em, s);
        ItemEntity item = em.find(ItemEntity.class, i);
        if (item == null) {
            throw ProblemException.notFound("Item", i);
        }
        List<String> errors = new ArrayList<>(inputErrors);
        if (!item.getActive()) {
            errors.add(i + " is inactive: it is not reordered");
        }
        if (!errors.isEmpty()) {
            throw PharmacyProblems.unprocessable(String.join("; ", errors));
        }
        ItemStoreEntity rule = em.find(ItemStoreEntity.class, new ItemStoreEntity.Key(i, s));
        if (rule == null) {
            rule = new ItemStoreEntity();
            rule.setItemCode(i);
            rule.setStoreCode(s);
            em.persist(rule);
        }
        rule.setReorderLevel(level);
        rule.setReorderQuantity(quantity);
        em.flush();
        return dto(rule);
    }

    /** Removes the rule (the item is no longer reordered there) and answers it; 404 when there is none. */
    public ReorderRuleDto delete(String storeCode, String itemCode) {
        String s = Catalogue.normalise(storeCode == null ? "" : storeCode);
        String i = Catalogue.normalise(itemCode == null ? "" : itemCode);
        ReorderRuleDto removed;
        try {
            removed = jpa.callAudited(audit, em -> {
                requireStore(em, s);
                ItemStoreEntity rule = em.find(ItemStoreEntity.class, new ItemStoreEntity.Key(i, s));
                if (rule == null) {
                    throw ProblemException.notFound("Reorder rule", i + " in " + s);
                }
                em.remove(rule);
                em.flush();
                return dto(rule);
            }, gone -> AuditEvent.of("DELETE", StoreService.AUDIT_TYPE).resourceId(s)
                    .detail("reorder rule " + i + " removed").build());
        } catch (PersistenceException e) {
            // removed by someone else between this one's read and its delete
            throw ProblemException.notFound("Reorder rule", i + " in " + s);
        }
        return removed;
    }

    private static void requireStore(EntityManager em, String storeCode) {
        if (em.find(StoreEntity.class, storeCode) == null) {
            throw ProblemException.notFound("Store", storeCode);
        }
    }

    private static BigDecimal notNegative(String value, String field, List<String> errors) {
        BigDecimal d = ItemRules.quantity(value, field, errors);
        if (d != null && d.signum() < 0) {
            errors.add(field + " must be 0 or more (was " + d.toPlainString() + ")");
            return null;
        }
        return d;
    }

    static ReorderRuleDto dto(ItemStoreEntity r) {
        return new ReorderRuleDto(r.getItemCode(), r.getStoreCode(), ItemService.plain(r.getReorderLevel()),
                ItemService.plain(r.getReorderQuantity()));
    }
}
