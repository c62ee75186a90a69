package org.pavilion.billing.internal.insurance;



import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code bl_policy} (see the change log). */
@Entity
@Table(name = "bl_policy")
public class PolicyEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "patient_id", nullable = false)
    private String patientId;

    @Column(name = "plan_code", nullable = false)
    private String planCode;

    @Column(name = "member_id", nullable = false)
    private String memberId;

    @Column(name = "valid_from", nullable = false)
    private String validFrom;

    @Column(name = "valid_to")
    private String validTo;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "eligibility")
    private String eligibility;

    @Column(name = "eligibility_detail")
    private String eligibilityDetail;

    @Column(name = "eligibility_checked_ms")
    private Long eligibilityCheckedMs;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getPlanCode() {
        return planCode;
    }

    public void setPlanCode(String planCode) {
        this.planCode = planCode;
    }

    public String getMemberId() {
        return memberId;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public String getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(String validFrom) {
        this.validFrom = validFrom;
    }

    public String getValidTo() {
        return validTo;
    }

    public void setValidTo(String validTo) {
        this.validTo = validTo;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getEligibility() {
        return eligibility;
    }

    public void setEligibility(String eligibility) {
        this.eligibility = eligibility;
    }

    public String getEligibilityDetail() {
        return eligibilityDetail;
    }

    public void setEligibilityDetail(String eligibilityDetail) {
        this.eligibilityDetail = eligibilityDetail;
    }

    public Long getEligibilityCheckedMs() {
        return eligibilityCheckedMs;
    }

    public void setEligibilityCheckedMs(Long eligibilityCheckedMs) {
        this.eligibilityCheckedMs = eligibilityCheckedMs;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
