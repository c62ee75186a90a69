package org.pavilion.pharmacy.internal.catalogue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import javax.persistence.*;

/** A pack an item is bought or counted in. Table {@code ph_item_pack}. */
@Entity
@Table(name = "ph_item_pack")
@IdClass(ItemPackEntity.Key.class)
public class ItemPackEntity {

    @Id
    @Column(name = "item_code")
    private String itemCode;

    @Id
    @Column(name = "name")
    private String name;

    @Column(name = "units")
    private BigDecimal units;

    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public BigDecimal getUnits() { return units; }
    public void setUnits(BigDecimal units) { this.units = units; }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String itemCode;
        public String name;

        public Key() {
        }

        public Key(String itemCode, String name) {
            this.itemCode = itemCode;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(itemCode, k.itemCode) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(itemCode, name);
        }
    }
}
