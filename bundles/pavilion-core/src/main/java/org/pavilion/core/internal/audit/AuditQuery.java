package org.pavilion.core.internal.audit;

/** Filters of an audit search; null means "any". Times are epoch milliseconds, inclusive. */
public final class AuditQuery {
    public String actor;
    public String patientId;
    public String action;
    public String resourceType;
    public String outcome;
    public Long fromMs;
    public Long toMs;
    public Boolean emergency;
}
