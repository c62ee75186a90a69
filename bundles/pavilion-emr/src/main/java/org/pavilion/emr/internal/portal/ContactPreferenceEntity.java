package org.pavilion.emr.internal.portal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * How a patient prefers to be contacted (table emr_contact_preference). Keyed by {@code subjectMrn}, not
 * {@code mrn}, so PatientPrivacy does not take it for medical record; {@link PortalPrivacy} exports, erases and
 * merges it.
 */
@Entity
@Table(name = "emr_contact_preference")
public class ContactPreferenceEntity {

    @Id
    @Column(name = "subject_mrn", nullable = false, length = 16)
    private String subjectMrn;

    /** One of {@link OwnContacts#CHANNELS}. */
    @Column(name = "channel", nullable = false, length = 8)
    private String channel;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    public String getSubjectMrn() { return subjectMrn; }
    public void setSubjectMrn(String subjectMrn) { this.subjectMrn = subjectMrn; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public long getUpdatedMs() { return updatedMs; }
    public void setUpdatedMs(long updatedMs) { this.updatedMs = updatedMs; }
    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }
}
