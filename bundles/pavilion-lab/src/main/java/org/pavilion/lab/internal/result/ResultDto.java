package org.pavilion.lab.internal.result;

import java.math.BigDecimal;
import java.time.Instant;

import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.order.LabOrderEntity;

/** A result as REST and SOAP answer it (docs/lab-api.md, "Result"); one mapping for every endpoint. */
public class ResultDto {
    public String id;
    public String itemId;
    public String orderId;
    public String orderNumber;
    public String patientId;
    public String testCode;
    public String testName;
    public String loinc;
    public String value;
    public String unit;
    public String referenceRange;
    public String flag;
    public boolean critical;
    public String comment;
    public String source;
    public String status;
    public boolean corrected;
    public String correctsId;
    public boolean superseded;
    public String enteredAt;
    public String enteredBy;
    public String verifiedAt;
    public String verifiedBy;
    public String releasedAt;
    public String observedAt;

    /** {@code test} and {@code order} may be null (a test removed from the catalogue, an order not loaded). */
    public static ResultDto of(ResultEntity r, LabTestEntity test, LabOrderEntity order) {
        ResultDto d = new ResultDto();
        d.id = r.getId();
        d.itemId = r.getItemId();
        d.orderId = r.getOrderId();
        d.orderNumber = order == null ? null : order.getOrderNumber();
        d.patientId = r.getPatientId();
        d.testCode = r.getTestCode();
        d.testName = test == null ? r.getTestCode() : test.getName();
        d.loinc = test == null ? null : test.getLoinc();
        d.value = r.getValueNum() != null ? plain(r.getValueNum()) : r.getValueText();
        d.unit = r.getUnit();
        d.referenceRange = r.getReferenceRange();
        d.flag = r.getFlag();
        d.critical = r.isCritical();
        d.comment = r.getComment();
        d.source = r.getSource();
        d.status = r.getStatus();
        d.corrected = r.getCorrectsId() != null;
        d.correctsId = r.getCorrectsId();
        d.superseded = r.isSuperseded();
        d.enteredAt = instant(r.getEnteredMs());
        d.enteredBy = r.getEnteredBy();
        d.verifiedAt = instant(r.getVerifiedMs());
        d.verifiedBy = r.getVerifiedBy();
        d.releasedAt = instant(r.getReleasedMs());
        d.observedAt = instant(r.getObservedMs());
        return d;
    }

    /** A measured value without trailing zeros or exponent: 4.200000 → "4.2", 1E+2 → "100". */
    public static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
