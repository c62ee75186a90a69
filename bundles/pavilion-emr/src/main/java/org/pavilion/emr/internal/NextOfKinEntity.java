package org.pavilion.emr.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One of a patient's next of kin (table emr_next_of_kin). */
@Entity
@Table(name = "emr_next_of_kin")
public class NextOfKinEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "seq_no", nullable = false)
    private int seqNo;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "relationship", nullable = false, length = 16)
    private String relationship;

    @Column(name = "phone", length = 32)
    private String phone;

    @Column(name = "email", length = 254)
    private String email;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public int getSeqNo() { return seqNo; }
    public void setSeqNo(int seqNo) { this.seqNo = seqNo; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getRelationship() { return relationship; }
    public void setRelationship(String relationship) { this.relationship = relationship; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
}
