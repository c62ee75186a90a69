package org.pavilion.notifications.internal.recipients;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A row of {@code nt_preference} (see the change log). */
@Entity
@Table(name = "nt_preference")
@IdClass(PreferenceEntity.Key.class)
public class PreferenceEntity {

    @Id
    @Column(name = "patient_id", nullable = false)
    private String patientId;

    @Id
    @Column(name = "channel", nullable = false)
    private String channel;

    @Column(name = "opted_out", nullable = false)
    private boolean optedOut;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public boolean isOptedOut() {
        return optedOut;
    }

    public void setOptedOut(boolean optedOut) {
        this.optedOut = optedOut;
    }

    public long getUpdatedMs() {
        return updatedMs;
    }

    public void setUpdatedMs(long updatedMs) {
        this.updatedMs = updatedMs;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(String updatedBy) {
        this.updatedBy = updatedBy;
    }

    /** The primary key (patient, channel). */
    public static final class Key implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String patientId;
        public String channel;

        public Key() {
        }

        public Key(String patientId, String channel) {
            this.patientId = patientId;
            this.channel = channel;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(patientId, k.patientId)
                    && java.util.Objects.equals(channel, k.channel);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(patientId, channel);
        }
    }
}
