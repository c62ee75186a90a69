package org.pavilion.billing.internal.accounting;



import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code bl_journal_entry} (see the change log). */
@Entity
@Table(name = "bl_journal_entry")
public class JournalEntryEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "seq", nullable = false)
    private long seq;

    @Column(name = "business_day", nullable = false)
    private String businessDay;

    @Column(name = "posted_ms", nullable = false)
    private long postedMs;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "reference_type", nullable = false)
    private String referenceType;

    @Column(name = "reference_id", nullable = false)
    private String referenceId;

    @Column(name = "description", nullable = false)
    private String description;

    @Column(name = "actor", nullable = false)
    private String actor;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public long getSeq() {
        return seq;
    }

    public void setSeq(long seq) {
        this.seq = seq;
    }

    public String getBusinessDay() {
        return businessDay;
    }

    public void setBusinessDay(String businessDay) {
        this.businessDay = businessDay;
    }

    public long getPostedMs() {
        return postedMs;
    }

    public void setPostedMs(long postedMs) {
        this.postedMs = postedMs;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getReferenceType() {
        return referenceType;
    }

    public void setReferenceType(String referenceType) {
        this.referenceType = referenceType;
    }

    public String getReferenceId() {
        return referenceId;
    }

    public void setReferenceId(String referenceId) {
        this.referenceId = referenceId;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }
}
