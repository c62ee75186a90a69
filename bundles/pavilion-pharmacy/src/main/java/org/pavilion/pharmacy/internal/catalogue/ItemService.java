package org.pavilion.pharmacy.internal.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * Browsing and editing items. An edit replaces the item and its packs in one transaction after the version check,
 * is audited (resource {@code ph-item}) and drops {@link Catalogue}'s cache. Nothing is deleted: batches, stock and
 * the ledger keep naming their items, so DELETE only deactivates. Once an item has history, the edits that would
 * change the meaning of what is recorded (its unit of issue; requiring an expiry that recorded batches lack) are
 * refused.
 */
@Component(service = ItemService.class)
public class ItemService {

    static final String AUDIT_TYPE = "ph-item";

    private final JpaTransactions jpa;
    private final Catalogue catalogue;
    private final AuditService audit;

    @Activate
    public ItemService(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            @Reference Catalogue catalogue, @Reference AuditService audit) {
        this(new JpaTransactions(emf), catalogue, audit);
    }

    /** For tests on PharmacyDatabase. */
    public static ItemService of(JpaTransactions jpa, Catalogue catalogue, AuditService audit) {
        return new ItemService(jpa, catalogue, audit);
    }

    // Private, behind of(): SCR tries every public constructor with the @Activate one's arity.
    private ItemService(JpaTransactions jpa, Catalogue catalogue, AuditService audit) {
        this.jpa = jpa;
        this.catalogue = catalogue;
        this.audit = audit;
    }

    /** Items by code; {@code q} matches code, name, generic name or an ATC prefix; every filter may be null. */
    public Page<ItemDto> list(String q, String kind, Boolean active, int page, int size) {
        Page.validate(page, size);
        String k = ItemRules.upper(kind);
        if (k != null && !ItemRules.KINDS.contains(k)) {
            throw ProblemException.validation("kind must be MEDICINE or SUPPLY (was '" + kind.strip() + "')");
        }
        ItemQuery query = new ItemQuery(q, k, active);
        return jpa.call(em -> {
            long total = query.bind(em.createQuery("SELECT COUNT(i) FROM ItemEntity i" + query.where(), Long.class))
                    .getSingleResult();
            TypedQuery<String> codes = query.bind(em.createQuery("SELECT i.code FROM ItemEntity i" + query.where()
                    + " ORDER BY i.code", String.class));
            List<ItemDto> items = new ArrayList<>();
            for (String code : codes.setFirstResult(page * size).setMaxResults(size).getResultList()) {
                Catalogue.load(em, code).ifPresent(i -> items.add(dto(i)));
            }
            return new Page<>(items, page, size, total);
        });
    }

    /** One item; 404 when the code is unknown. */
    public ItemDto get(String code) {
        return catalogue.item(code).map(ItemService::dto)
                .orElseThrow(() -> ProblemException.notFound("Item", code == null ? "" : Catalogue.normalise(code)));
    }

    /**
     * Creates the item, or replaces it when it exists and {@code in.version} is the stored version (409 otherwise,
     * and for two pharmacists creating one code at once). 422 names everything wrong with the body.
     */
    public ItemDto put(String code, ItemDto in) {
        ItemRules.Definition d = ItemRules.check(code, in);
        String c = d.item().getCode();
        boolean[] created = {false};
        try {
            jpa.callAudited(audit, em -> {
                // the row lock makes a second editor of the same version wait and then see the new version,
                // rather than racing on the pack rows the first one is replacing
                ItemEntity stored = em.find(ItemEntity.class, c, LockModeType.PESSIMISTIC_WRITE);
                if (stored == null) {
                    em.persist(d.item());
                    created[0] = true;
                } else {
                    if (d.version() == null) {
                        throw ProblemException.conflict("Item " + c + " exists: send its version to replace it");
                    }
                    if (d.version() != stored.getVersion()) {
                        throw PharmacyProblems.changedMeanwhile("Item " + c);
                    }
                    keepHistoryMeaning(em, stored, d.item());
                    copy(d.item(), stored);
                    if (d.active() != null) {
                        stored.setActive(d.active());
                    }
                    // the version moves even when only packs change: of two edits made from the same version,
                    // the second fails at flush instead of silently mixing with the first
                    em.lock(stored, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                    em.createQuery("DELETE FROM ItemPackEntity p WHERE p.itemCode = :c").setParameter("c", c)
                            .executeUpdate();
                }
                d.packs().forEach(em::persist);
                em.flush();
                return null;
            }, none -> AuditEvent.of(created[0] ? "CREATE" : "UPDATE", AUDIT_TYPE).resourceId(c).build());
        } catch (PersistenceException e) {
            if (isOptimistic(e)) {
                throw PharmacyProblems.changedMeanwhile("Item " + c);
            }
            if (created[0] && jpa.call(em -> em.find(ItemEntity.class, c)) != null) {
                throw ProblemException.conflict("Item " + c + " was created by someone else meanwhile: reload it");
            }
            throw e;
        } finally {
            catalogue.invalidate();
        }
        return get(c);
    }

    /** Deactivates: no new receipts, orders or dispenses of it; stock and history stay. Inactive already: unchanged. */
    public ItemDto deactivate(String code) {
        String c = code == null ? "" : Catalogue.normalise(code);
        try {
            jpa.runAudited(audit, AuditEvent.of("DELETE", AUDIT_TYPE).resourceId(c).detail("deactivated").build(), em -> {
                ItemEntity item = em.find(ItemEntity.class, c);
                if (item == null) {
                    throw ProblemException.notFound("Item", c);
                }
                item.setActive(false);
            });
        } catch (PersistenceException e) {
            if (isOptimistic(e)) {
                throw PharmacyProblems.changedMeanwhile("Item " + c);
            }
            throw e;
        } finally {
            catalogue.invalidate();
        }
        return get(c);
    }

    /** The REST shape of an item. */
    public static ItemDto dto(CatalogueItem i) {
        ItemDto d = new ItemDto();
        d.code = i.code();
        d.name = i.name();
        d.kind = i.kind();
        d.genericName = i.genericName();
        d.strength = i.strength();
        d.form = i.form();
        d.atcCode = i.atcCode();
        d.unitOfIssue = i.unitOfIssue();
        d.expiryRequired = i.expiryRequired();
        d.priceReference = i.priceReference();
        d.active = i.active();
        d.version = i.version();
        for (CatalogueItem.Pack p : i.packs()) {
            d.packs.add(new ItemDto.PackDto(p.name(), plain(p.units())));
        }
        return d;
    }

    /** Quantities already in the ledger are in the old unit; batches already received have (or lack) an expiry. */
    private static void keepHistoryMeaning(EntityManager em, ItemEntity stored, ItemEntity edited) {
        List<String> errors = new ArrayList<>();
        if (!stored.getUnitOfIssue().equals(edited.getUnitOfIssue()) && count(em,
                "SELECT COUNT(m) FROM MovementEntity m WHERE m.itemCode = :c", stored.getCode()) > 0) {
            errors.add(stored.getCode() + " has stock movements counted in " + stored.getUnitOfIssue()
                    + ": its unit of issue cannot become " + edited.getUnitOfIssue() + " (create a new item)");
        }
        if (edited.getExpiryRequired() && !stored.getExpiryRequired() && count(em,
                "SELECT COUNT(b) FROM BatchEntity b WHERE b.itemCode = :c AND b.expiryDate IS NULL", stored.getCode()) > 0) {
            errors.add(stored.getCode() + " has batches received without expiry: it cannot require one now"
                    + (ItemRules.MEDICINE.equals(edited.getKind()) ? " nor become a medicine" : ""));
        }
        if (!errors.isEmpty()) {
            throw PharmacyProblems.unprocessable(String.join("; ", errors));
        }
    }

    private static long count(EntityManager em, String jpql, String code) {
        return em.createQuery(jpql, Long.class).setParameter("c", code).getSingleResult();
    }

    private static void copy(ItemEntity from, ItemEntity to) {
        to.setName(from.getName());
        to.setKind(from.getKind());
        to.setGenericName(from.getGenericName());
        to.setStrength(from.getStrength());
        to.setForm(from.getForm());
        to.setAtcCode(from.getAtcCode());
        to.setUnitOfIssue(from.getUnitOfIssue());
        to.setExpiryRequired(from.getExpiryRequired());
        to.setPriceReference(from.getPriceReference());
    }

    static String plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static boolean isOptimistic(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** {@code ?active=} blank means both; true or false otherwise (400 for anything else). */
    static Boolean flag(String active) {
        if (active == null || active.isBlank()) {
            return null;
        }
        return switch (active.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.validation("active must be true or false (was '" + active.strip() + "')");
        };
    }
}
