package org.pavilion.pharmacy.internal.purchasing;

import java.math.BigDecimal;

import javax.persistence.*;

/** A batch received in a delivery. Table {@code ph_receipt_line}. */
@Entity
@Table(name = "ph_receipt_line")
public class ReceiptLineEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "receipt_id")
    private String receiptId;

    @Column(name = "po_line_id")
    private String poLineId;

    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "quantity")
    private BigDecimal quantity;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getReceiptId() { return receiptId; }
    public void setReceiptId(String receiptId) { this.receiptId = receiptId; }
    public String getPoLineId() { return poLineId; }
    public void setPoLineId(String poLineId) { this.poLineId = poLineId; }
    public String getBatchId() { return batchId; }
    public void setBatchId(String batchId) { this.batchId = batchId; }
    public BigDecimal getQuantity() { return quantity; }
    public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
}
