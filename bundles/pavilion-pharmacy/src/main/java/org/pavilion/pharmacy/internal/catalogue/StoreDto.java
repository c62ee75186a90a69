package org.pavilion.pharmacy.internal.catalogue;

/** A store as REST reads and writes it (docs/pharmacy-api.md, "Store"). */
public class StoreDto {
    public String code;
    public String name;
    /** CENTRAL, WARD or PHARMACY. */
    public String kind;
    /** Prescriptions may be dispensed from it. */
    public Boolean dispensing;
    public Boolean active;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
}
