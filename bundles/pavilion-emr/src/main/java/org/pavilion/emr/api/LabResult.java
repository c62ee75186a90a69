package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** One lab result as the EMR shows it in the record view (a plain DTO owned by the EMR's API). */
@ProviderType
public class LabResult {

    /** Test code (e.g. a LOINC code) and its display name. */
    public String code;
    public String name;
    /** Value as reported (numeric or text, e.g. "7.2" or "positive"). */
    public String value;
    public String unit;
    public String referenceRange;
    /** Abnormal flag as reported, e.g. H, L, HH, LL, A; null when normal. */
    public String flag;
    /** e.g. FINAL, PRELIMINARY, CORRECTED. */
    public String status;
    /** ISO-8601 instant the specimen was taken or the result observed. */
    public String effectiveAt;

    public LabResult() {
    }

    public LabResult(String code, String name, String value, String unit, String flag, String effectiveAt) {
        this.code = code;
        this.name = name;
        this.value = value;
        this.unit = unit;
        this.flag = flag;
        this.effectiveAt = effectiveAt;
    }
}
