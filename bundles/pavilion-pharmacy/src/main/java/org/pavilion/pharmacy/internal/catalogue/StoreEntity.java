package org.pavilion.pharmacy.internal.catalogue;

import javax.persistence.*;

/** A store: central, ward or pharmacy. Table {@code ph_store}. */
@Entity
@Table(name = "ph_store")
public class StoreEntity {

    @Id
    @Column(name = "code")
    private String code;

    @Column(name = "name")
    private String name;

    @Column(name = "kind")
    private String kind;

    @Column(name = "dispensing")
    private boolean dispensing;

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
    public boolean getDispensing() { return dispensing; }
    public void setDispensing(boolean dispensing) { this.dispensing = dispensing; }
    public boolean getActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getVersion() { return version; }
}
