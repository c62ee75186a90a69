package org.pavilion.notifications.internal.rules;

/** A template as REST reads and writes it: one text per key, channel and language. */
public class TemplateDto {
    /** Given by the server on create. */
    public String id;
    public String templateKey;
    public String channel;
    /** BCP 47: {@code fr}, {@code fr-CA}. */
    public String language;
    /** Required for EMAIL, absent for SMS. */
    public String subject;
    public String body;
    public Long updatedMs;
    public String updatedBy;
    /** The version read; a replace must send it back unchanged (else 409). */
    public Integer version;
}
