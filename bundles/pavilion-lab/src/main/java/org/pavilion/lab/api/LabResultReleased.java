package org.pavilion.lab.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A verified result was released to the doctor and the patient (a correction is released again with status
 * CORRECTED). Event type {@link #TYPE}.
 */
@ProviderType
public class LabResultReleased extends LabOrderEvent {

    public static final String TYPE = "LabResultReleased";

    public String resultId;
    /** The result this one corrects, or null. */
    public String correctsResultId;
    public String itemId;
    public String testCode;
    public String testName;
    public String loinc;
    public String value;
    public String unit;
    /** e.g. "3.5-5.1" in the result's unit; null when the test has none. */
    public String referenceRange;
    /** N, L, H, LL, HH, or A (abnormal text); null when not assessed. */
    public String flag;
    public boolean critical;
    /** FINAL or CORRECTED. */
    public String status;
    public String verifiedBy;
    public String releasedAt;
}
