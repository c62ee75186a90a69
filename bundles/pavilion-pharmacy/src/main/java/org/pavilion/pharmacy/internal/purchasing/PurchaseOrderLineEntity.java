package org.pavilion.pharmacy.internal.purchasing;

import java.math.BigDecimal;

import javax.persistence.*;

/** A line of a purchase order. Table {@code ph_po_line}. */
@Entity
@Table(name = "ph_po_line")
public class PurchaseOrderLineEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "po_id")
    private String poId;

    @Column(name = "position")
    private int position;

    @Column(name = "item_code")
    private String itemCode;

    @Column(name = "quantity_ordered")
    private BigDecimal quantityOrdered;

    @Column(name = "quantity_received")
    private BigDecimal quantityReceived;

    @Column(name = "unit_price")
    private BigDecimal unitPrice;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getPoId() { return poId; }
    public void setPoId(String poId) { this.poId = poId; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public BigDecimal getQuantityOrdered() { return quantityOrdered; }
    public void setQuantityOrdered(BigDecimal quantityOrdered) { this.quantityOrdered = quantityOrdered; }
    public BigDecimal getQuantityReceived() { return quantityReceived; }
    public void setQuantityReceived(BigDecimal quantityReceived) { this.quantityReceived = quantityReceived; }
    public BigDecimal getUnitPrice() { return unitPrice; }
    public void setUnitPrice(BigDecimal unitPrice) { this.unitPrice = unitPrice; }
}
