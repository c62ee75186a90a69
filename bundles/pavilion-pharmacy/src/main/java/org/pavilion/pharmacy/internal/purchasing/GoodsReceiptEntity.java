package org.pavilion.pharmacy.internal.purchasing;

import javax.persistence.*;

/** One delivery against a purchase order. Table {@code ph_goods_receipt}. */
@Entity
@Table(name = "ph_goods_receipt")
public class GoodsReceiptEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "po_id")
    private String poId;

    @Column(name = "delivery_note")
    private String deliveryNote;

    @Column(name = "received_ms")
    private long receivedMs;

    @Column(name = "received_by")
    private String receivedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getPoId() { return poId; }
    public void setPoId(String poId) { this.poId = poId; }
    public String getDeliveryNote() { return deliveryNote; }
    public void setDeliveryNote(String deliveryNote) { this.deliveryNote = deliveryNote; }
    public long getReceivedMs() { return receivedMs; }
    public void setReceivedMs(long receivedMs) { this.receivedMs = receivedMs; }
    public String getReceivedBy() { return receivedBy; }
    public void setReceivedBy(String receivedBy) { this.receivedBy = receivedBy; }
}
