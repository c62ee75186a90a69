package org.pavilion.pharmacy.internal.stock;

import javax.persistence.*;

/** A batch of an item with its expiry. Table {@code ph_batch}. */
@Entity
@Table(name = "ph_batch")
public class BatchEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "item_code")
    private String itemCode;

    @Column(name = "batch_number")
    private String batchNumber;

    @Column(name = "expiry_date")
    private String expiryDate;

    @Column(name = "created_ms")
    private long createdMs;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public String getBatchNumber() { return batchNumber; }
    public void setBatchNumber(String batchNumber) { this.batchNumber = batchNumber; }
    public String getExpiryDate() { return expiryDate; }
    public void setExpiryDate(String expiryDate) { this.expiryDate = expiryDate; }
    public long getCreatedMs() { return createdMs; }
    public void setCreatedMs(long createdMs) { this.createdMs = createdMs; }
}
