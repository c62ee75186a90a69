package org.pavilion.pharmacy.internal.catalogue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import javax.persistence.*;

/** The reorder rule of an item in a store. Table {@code ph_item_store}. */
@Entity
@Table(name = "ph_item_store")
@IdClass(ItemStoreEntity.Key.class)
public class ItemStoreEntity {

    @Id
    @Column(name = "item_code")
    private String itemCode;

    @Id
    @Column(name = "store_code")
    private String storeCode;

    @Column(name = "reorder_level")
    private BigDecimal reorderLevel;

    @Column(name = "reorder_quantity")
    private BigDecimal reorderQuantity;

    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public String getStoreCode() { return storeCode; }
    public void setStoreCode(String storeCode) { this.storeCode = storeCode; }
    public BigDecimal getReorderLevel() { return reorderLevel; }
    public void setReorderLevel(BigDecimal reorderLevel) { this.reorderLevel = reorderLevel; }
    public BigDecimal getReorderQuantity() { return reorderQuantity; }
    public void setReorderQuantity(BigDecimal reorderQuantity) { this.reorderQuantity = reorderQuantity; }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String itemCode;
        public String storeCode;

        public Key() {
        }

        public Key(String itemCode, String storeCode) {
            this.itemCode = itemCode;
            this.storeCode = storeCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(itemCode, k.itemCode) && Objects.equals(storeCode, k.storeCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(itemCode, storeCode);
        }
    }
}
