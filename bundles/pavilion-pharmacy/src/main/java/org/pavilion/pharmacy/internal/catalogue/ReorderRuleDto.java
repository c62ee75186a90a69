package org.pavilion.pharmacy.internal.catalogue;

/** The reorder rule of an item in a store: below {@code reorderLevel} on hand, suggest {@code reorderQuantity}. */
public class ReorderRuleDto {
    public String itemCode;
    public String storeCode;
    public String reorderLevel;
    public String reorderQuantity;

    public ReorderRuleDto() {
    }

    public ReorderRuleDto(String itemCode, String storeCode, String reorderLevel, String reorderQuantity) {
        this.itemCode = itemCode;
        this.storeCode = storeCode;
        this.reorderLevel = reorderLevel;
        this.reorderQuantity = reorderQuantity;
    }
}
