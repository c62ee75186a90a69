package org.pavilion.emr.internal.record;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** An allergy or intolerance (table emr_allergy). Linked to the patient only by mrn, which a merge rewrites. */
@Entity
@Table(name = "emr_allergy")
public class AllergyEntity {

    @Id
    @Column(name = "id", nullable = false, length = 36)
    private String id;

    @Column(name = "mrn", nullable = false, length = 16)
    private String mrn;

    @Column(name = "substance", nullable = false, length = 200)
    private String substance;

    /** The allergen's code and coding system as a coded feed sends them (HL7 AL1-3.1 and AL1-3.3); null: free text. */
    @Column(name = "code", length = 64)
    private String code;

    @Column(name = "code_system", length = 32)
    private String codeSystem;

    @Column(name = "reaction", length = 500)
    private String reaction;

    @Column(name = "severity", nullable = false, length = 20)
    private String severity;

    @Column(name = "kind", nullable = false, length = 12)
    private String kind;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "recorded_ms", nullable = false)
    private long recordedMs;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getSubstance() { return substance; }
    public void setSubstance(String substance) { this.substance = substance; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getCodeSystem() { return codeSystem; }
    public void setCodeSystem(String codeSystem) { this.codeSystem = codeSystem; }
    public String getReaction() { return reaction; }
    public void setReaction(String reaction) { this.reaction = reaction; }
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getRecordedMs() { return recordedMs; }
    public void setRecordedMs(long recordedMs) { this.recordedMs = recordedMs; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String recordedBy) { this.recordedBy = recordedBy; }
}
