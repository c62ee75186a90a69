package org.pavilion.notifications.internal.rules;

import java.util.List;

/** A rule as REST reads and writes it (docs/notifications-api.md, "Rules and templates"). */
public class RuleDto {
    /** Chosen by the administrator on create (lower case, digits and dashes), e.g. {@code lab-result-ward-sms}. */
    public String id;
    public String eventType;
    /** PATIENT, ORDERING_DOCTOR, NOTIFIED_USER, ACCOUNT or ADDRESSES. */
    public String recipient;
    /** For ADDRESSES: e-mail addresses or E.164 phone numbers. */
    public List<String> addresses;
    /** EMAIL, SMS or an installed vendor channel. */
    public String channel;
    public String templateKey;
    public Boolean urgent;
    public Boolean clinicalDetail;
    /** AppointmentReminder only: minutes before the start (1..43200). */
    public Integer offsetMinutes;
    public Boolean enabled;
    /** Read only: shipped with Pavilion (disable it rather than delete it). */
    public Boolean seeded;
    public Long updatedMs;
    public String updatedBy;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
}
