package org.pavilion.pharmacy.internal.stock;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import javax.persistence.*;

/** Stock on hand of a batch in a store: the ledger's running sum, written only by StockLedger. Table {@code ph_stock}. */
@Entity
@Table(name = "ph_stock")
@IdClass(StockEntity.Key.class)
public class StockEntity {

    @Id
    @Column(name = "store_code")
    private String storeCode;

    @Id
    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "item_code")
    private String itemCode;

    @Column(name = "quantity")
    private BigDecimal quantity;

    public String getStoreCode() { return storeCode; }
    public void setStoreCode(String storeCode) { this.storeCode = storeCode; }
    public String getBatchId() { return batchId; }
    public void setBatchId(String batchId) { this.batchId = batchId; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public BigDecimal getQuantity() { return quantity; }
    public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String storeCode;
        public String batchId;

        public Key() {
        }

        public Key(String storeCode, String batchId) {
            this.storeCode = storeCode;
            this.batchId = batchId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(storeCode, k.storeCode) && Objects.equals(batchId, k.batchId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(storeCode, batchId);
        }
    }
}
