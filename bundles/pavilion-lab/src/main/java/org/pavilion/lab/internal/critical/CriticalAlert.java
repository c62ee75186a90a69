package org.pavilion.lab.internal.critical;

/**
 * A critical result waiting for (or given) a doctor's acknowledgement, as {@code GET /critical} and
 * {@code POST /critical/{id}/acknowledge} answer it (docs/lab-api.md, {@code CriticalAlert}). Instants are ISO-8601.
 */
public class CriticalAlert {
    public String id;
    public String resultId;
    public String orderId;
    public String patientId;
    public String testCode;
    public String testName;
    public String value;
    public String unit;
    public String flag;
    /** 0 ordering doctor, 1 on-call, 2 head of department. */
    public int level;
    /** Who must acknowledge it now. */
    public String notify;
    public String raisedAt;
    public String escalateAt;
    public String acknowledgedAt;
    public String acknowledgedBy;
}
