package org.pavilion.notifications.internal.rules;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code nt_rule} (see the change log). */
@Entity
@Table(name = "nt_rule")
public class RuleEntity {

    @Id
    @Column(name = "id", nullable = false)
    private String id;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "recipient", nullable = false)
    private String recipient;

    @Column(name = "addresses")
    private String addresses;

    @Column(name = "channel", nullable = false)
    private String channel;

    @Column(name = "template_key", nullable = false)
    private String templateKey;

    @Column(name = "urgent", nullable = false)
    private boolean urgent;

    @Column(name = "clinical_detail", nullable = false)
    private boolean clinicalDetail;

    @Column(name = "offset_minutes")
    private Integer offsetMinutes;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "seeded", nullable = false)
    private boolean seeded;

    @Column(name = "updated_ms", nullable = false)
    private long updatedMs;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getAddresses() {
        return addresses;
    }

    public void setAddresses(String addresses) {
        this.addresses = addresses;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getTemplateKey() {
        return templateKey;
    }

    public void setTemplateKey(String templateKey) {
        this.templateKey = templateKey;
    }

    public boolean isUrgent() {
        return urgent;
    }

    public void setUrgent(boolean urgent) {
        this.urgent = urgent;
    }

    public boolean isClinicalDetail() {
        return clinicalDetail;
    }

    public void setClinicalDetail(boolean clinicalDetail) {
        this.clinicalDetail = clinicalDetail;
    }

    public Integer getOffsetMinutes() {
        return offsetMinutes;
    }

    public void setOffsetMinutes(Integer offsetMinutes) {
        this.offsetMinutes = offsetMinutes;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isSeeded() {
        return seeded;
    }

    public void setSeeded(boolean seeded) {
        this.seeded = seeded;
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

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
