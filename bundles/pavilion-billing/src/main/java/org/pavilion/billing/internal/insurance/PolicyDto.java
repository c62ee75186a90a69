package org.pavilion.billing.internal.insurance;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/**
 * A patient's policy as REST reads it; POST takes planCode, memberId, validFrom, validTo; PUT also status and the
 * version read. What each needs is declared per group (DeclaredConstraints, every broken field in one 400); the
 * plan's existence, the dates' order and the status change are checked after.
 */
public class PolicyDto {

    /** The rules of POST /patients/{mrn}/policies. */
    public interface Create {
    }

    /** The rules of PUT /policies/{id}. */
    public interface Update {
    }

    private static final String DATE = "\\s*([0-9]{4}-[0-9]{2}-[0-9]{2})?\\s*";
    private static final String DATE_MESSAGE = "must be a date as yyyy-MM-dd";

    public String id;
    public String patientId;
    @NotBlank(groups = Create.class)
    public String planCode;
    public String insurerCode;
    @NotBlank(groups = Create.class) @Size(max = 100, groups = {Create.class, Update.class})
    public String memberId;
    @NotBlank(groups = Create.class)
    @Pattern(regexp = DATE, message = DATE_MESSAGE, groups = {Create.class, Update.class})
    public String validFrom;
    @Pattern(regexp = DATE, message = DATE_MESSAGE, groups = {Create.class, Update.class})
    public String validTo;
    /** ACTIVE or ENDED. */
    public String status;
    /** The last eligibility check: ELIGIBLE, NOT_ELIGIBLE or ERROR; null before the first. */
    public String eligibility;
    public String eligibilityDetail;
    /** ISO-8601 instant of the last check. */
    public String eligibilityCheckedAt;
    @NotNull(groups = Update.class)
    public Integer version;
}
