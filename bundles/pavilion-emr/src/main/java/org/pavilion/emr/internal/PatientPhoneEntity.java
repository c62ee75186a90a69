package org.pavilion.emr.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One of a patient's phone numbers, as typed and normalised for search (table emr_patient_phone). */
@Entity
@Table(name = "emr_patient_phone")
public class PatientPhoneEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "seq_no", nullable = false)
    private int seqNo;

    @Column(name = "phone", nullable = false, length = 32)
    private String phone;

    @Column(name = "phone_norm", nullable = false, length = 32)
    private String phoneNorm;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public int getSeqNo() { return seqNo; }
    public void setSeqNo(int seqNo) { this.seqNo = seqNo; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getPhoneNorm() { return phoneNorm; }
    public void setPhoneNorm(String phoneNorm) { this.phoneNorm = phoneNorm; }
}
