package org.pavilion.pharmacy.internal.stocktake;

import java.math.BigDecimal;

import javax.persistence.*;

/** A batch's expected and counted quantity on a count sheet. Table {@code ph_count_line}. */
@Entity
@Table(name = "ph_count_line")
public class CountLineEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "stock_take_id")
    private String stockTakeId;

    @Column(name = "item_code")
    private String itemCode;

    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "expected")
    private BigDecimal expected;

    @Column(name = "counted")
    private BigDecimal counted;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getStockTakeId() { return stockTakeId; }
    public void setStockTakeId(String stockTakeId) { this.stockTakeId = stockTakeId; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public String getBatchId() { return batchId; }
    public void setBatchId(String batchId) { this.batchId = batchId; }
    public BigDecimal getExpected() { return expected; }
    public void setExpected(BigDecimal expected) { this.expected = expected; }
    public BigDecimal getCounted() { return counted; }
    public void setCounted(BigDecimal counted) { this.counted = counted; }
}
