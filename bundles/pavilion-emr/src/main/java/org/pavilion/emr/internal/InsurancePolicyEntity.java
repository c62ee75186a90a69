package org.pavilion.emr.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One of a patient's insurance policies (table emr_insurance_policy); seq_no 0 is the primary cover. */
@Entity
@Table(name = "emr_insurance_policy")
public class InsurancePolicyEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "seq_no", nullable = false)
    private int seqNo;

    @Column(name = "insurer", nullable = false, length = 100)
    private String insurer;

    @Column(name = "policy_number", nullable = false, length = 40)
    private String policyNumber;

    @Column(name = "policy_number_norm", nullable = false, length = 40)
    private String policyNumberNorm;

    @Column(name = "plan_name", length = 100)
    private String plan;

    @Column(name = "holder_relationship", nullable = false, length = 8)
    private String holderRelationship;

    @Column(name = "valid_from", length = 10)
    private String validFrom;

    @Column(name = "valid_to", length = 10)
    private String validTo;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public int getSeqNo() { return seqNo; }
    public void setSeqNo(int seqNo) { this.seqNo = seqNo; }
    public String getInsurer() { return insurer; }
    public void setInsurer(String insurer) { this.insurer = insurer; }
    public String getPolicyNumber() { return policyNumber; }
    public void setPolicyNumber(String policyNumber) { this.policyNumber = policyNumber; }
    public String getPolicyNumberNorm() { return policyNumberNorm; }
    public void setPolicyNumberNorm(String policyNumberNorm) { this.policyNumberNorm = policyNumberNorm; }
    public String getPlan() { return plan; }
    public void setPlan(String plan) { this.plan = plan; }
    public String getHolderRelationship() { return holderRelationship; }
    public void setHolderRelationship(String holderRelationship) { this.holderRelationship = holderRelationship; }
    public String getValidFrom() { return validFrom; }
    public void setValidFrom(String validFrom) { this.validFrom = validFrom; }
    public String getValidTo() { return validTo; }
    public void setValidTo(String validTo) { this.validTo = validTo; }
}
