package org.pavilion.lab.internal.critical;

/** Body of {@code POST /critical/{id}/acknowledge}: what the doctor did about it (optional, kept in the audit). */
public class AcknowledgeRequest {
    public String note;
}
