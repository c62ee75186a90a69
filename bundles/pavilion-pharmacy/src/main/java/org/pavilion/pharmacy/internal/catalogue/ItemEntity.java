package org.pavilion.pharmacy.internal.catalogue;

import javax.persistence.*;

/** A medicine or a supply of the catalogue. Table {@code ph_item}. */
@Entity
@Table(name = "ph_item")
public class ItemEntity {

    @Id
    @Column(name = "code")
    private String code;

    @Column(name = "name")
    private String name;

    @Column(name = "kind")
    private String kind;

    @Column(name = "generic_name")
    private String genericName;

    @Column(name = "strength")
    private String strength;

    @Column(name = "form")
    private String form;

    @Column(name = "atc_code")
    private String atcCode;

    @Column(name = "unit_of_issue")
    private String unitOfIssue;

    @Column(name = "expiry_required")
    private boolean expiryRequired;

    @Column(name = "price_reference")
    private String priceReference;

    @Column(name = "active")
    private boolean active;

    @Version
    @Column(name = "version")
    private int version;

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getGenericName() { return genericName; }
    public void setGenericName(String genericName) { this.genericName = genericName; }
    public String getStrength() { return strength; }
    public void setStrength(String strength) { this.strength = strength; }
    public String getForm() { return form; }
    public void setForm(String form) { this.form = form; }
    public String getAtcCode() { return atcCode; }
    public void setAtcCode(String atcCode) { this.atcCode = atcCode; }
    public String getUnitOfIssue() { return unitOfIssue; }
    public void setUnitOfIssue(String unitOfIssue) { this.unitOfIssue = unitOfIssue; }
    public boolean getExpiryRequired() { return expiryRequired; }
    public void setExpiryRequired(boolean expiryRequired) { this.expiryRequired = expiryRequired; }
    public String getPriceReference() { return priceReference; }
    public void setPriceReference(String priceReference) { this.priceReference = priceReference; }
    public boolean getActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getVersion() { return version; }
}
