package org.pavilion.pharmacy.internal.purchasing;

import javax.persistence.*;

/** A supplier. Table {@code ph_supplier}. */
@Entity
@Table(name = "ph_supplier")
public class SupplierEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "name")
    private String name;

    @Column(name = "email")
    private String email;

    @Column(name = "phone")
    private String phone;

    @Column(name = "address")
    private String address;

    @Column(name = "active")
    private boolean active;

    @Version
    @Column(name = "version")
    private int version;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public boolean getActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getVersion() { return version; }
}
