package org.pavilion.pharmacy.internal.catalogue;

import java.math.BigDecimal;
import java.util.List;

/**
 * An item as the rest of the department reads it from {@link Catalogue} (dispensing, purchasing, alerts, HL7): an
 * immutable copy, safe to share between threads.
 */
public record CatalogueItem(String code, String name, String kind, String genericName, String strength, String form,
        String atcCode, String unitOfIssue, boolean expiryRequired, String priceReference, boolean active,
        int version, List<Pack> packs) {

    /** A pack of {@code units} units of issue. */
    public record Pack(String name, BigDecimal units) {
    }

    public boolean isMedicine() {
        return ItemRules.MEDICINE.equals(kind);
    }

    static CatalogueItem of(ItemEntity e, List<ItemPackEntity> packs) {
        return new CatalogueItem(e.getCode(), e.getName(), e.getKind(), e.getGenericName(), e.getStrength(),
                e.getForm(), e.getAtcCode(), e.getUnitOfIssue(), e.getExpiryRequired(), e.getPriceReference(),
                e.getActive(), e.getVersion(),
                packs.stream().map(p -> new Pack(p.getName(), p.getUnits())).toList());
    }
}
