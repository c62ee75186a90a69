package org.pavilion.lab.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A released result is critical and must reach a doctor, who acknowledges it. Published when it is raised (level 0,
 * to the ordering doctor) and again at each escalation (level 1 the department's on-call, level 2 the head of
 * department), each with the same {@link #alertId}. Event type {@link #TYPE}.
 */
@ProviderType
public class CriticalLabResult extends LabOrderEvent {

    public static final String TYPE = "CriticalLabResult";

    public String alertId;
    public String resultId;
    public String testCode;
    public String testName;
    public String value;
    public String unit;
    /** LL or HH (or A for a critical text result). */
    public String flag;
    /** 0 ordering doctor, 1 on-call, 2 head of department. */
    public int level;
    /** The username who must acknowledge it now. */
    public String notify;
    public String raisedAt;
}
