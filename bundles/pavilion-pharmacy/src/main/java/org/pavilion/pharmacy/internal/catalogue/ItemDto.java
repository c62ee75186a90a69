package org.pavilion.pharmacy.internal.catalogue;

import java.util.ArrayList;
import java.util.List;

/** An item as REST reads and writes it (docs/pharmacy-api.md, "Item"); quantities travel as decimal strings. */
public class ItemDto {
    public String code;
    public String name;
    /** MEDICINE or SUPPLY. */
    public String kind;
    /** The INN of a medicine: the allergy check matches on it. */
    public String genericName;
    public String strength;
    /** TABLET, CAPSULE, INJECTION... (see {@link ItemRules#FORMS}). */
    public String form;
    /** A full ATC code (N02BE01) or one of its levels (N, N02, N02B, N02BE). */
    public String atcCode;
    /** What stock is counted in: tablet, vial, piece. */
    public String unitOfIssue;
    /** Every receipt must name the batch's expiry; always true for a medicine. */
    public Boolean expiryRequired;
    public String priceReference;
    public Boolean active;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
    public List<PackDto> packs = new ArrayList<>();

    /** A pack the item is bought or counted in: "box of 100" = 100 units of issue. */
    public static class PackDto {
        public String name;
        public String units;

        public PackDto() {
        }

        public PackDto(String name, String units) {
            this.name = name;
            this.units = units;
        }
    }
}
