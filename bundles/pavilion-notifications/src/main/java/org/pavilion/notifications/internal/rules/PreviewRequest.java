package org.pavilion.notifications.internal.rules;

import java.util.Map;

/**
 * A preview: the stored templates of {@code templateKey}, or the unsaved {@code subject}/{@code body}, rendered with
 * the catalogue's sample of {@code eventType} (its fields overridden by {@code data}).
 */
public class PreviewRequest {
    public String eventType;
    public String templateKey;
    public String subject;
    public String body;
    public String channel;
    public String language;
    public Boolean clinicalDetail;
    public String recipientName;
    public Map<String, Object> data;
}
