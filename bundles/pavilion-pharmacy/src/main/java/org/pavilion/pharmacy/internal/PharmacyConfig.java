package org.pavilion.pharmacy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.pavilion.pharmacy.cfg}: read by every component of the department that needs one of these. */
@ObjectClassDefinition(pid = PharmacyConfig.PID, name = "Pavilion pharmacy",
        description = "Dispensing, reorder and expiry alerts, forecasts, the HL7 dispense feed")
public @interface PharmacyConfig {

    String PID = "org.pavilion.pharmacy";

    @AttributeDefinition(description = "Time zone of the hospital's business day (movements' day, expiry); empty: the server's")
    String zone() default "";

    @AttributeDefinition(description = "Store prescriptions are dispensed from when the pharmacist does not choose one")
    String defaultDispensingStore() default "MAIN";

    @AttributeDefinition(description = "Check prescriptions against the patient's recorded allergies (the EMR's)")
    boolean allergyCheck() default true;

    @AttributeDefinition(description = "Seconds between two runs of the reorder-level check")
    int reorderCheckSeconds() default 900;

    @AttributeDefinition(description = "Seconds between two runs of the expiry check")
    int expiryCheckSeconds() default 3600;

    @AttributeDefinition(description = "A batch expiring within this many days raises an expiry alert")
    int expiryWindowDays() default 90;

    @AttributeDefinition(description = "Days of ledger history a forecast learns from")
    int forecastHistoryDays() default 365;

    @AttributeDefinition(description = "Days a supplier takes to deliver: the suggested order covers them")
    int leadTimeDays() default 14;

    @AttributeDefinition(description = "Days of consumption a suggested order should cover beyond the lead time")
    int coverDays() default 30;

    @AttributeDefinition(description = "Send dispenses to the outbound feeds as RDS^O13")
    boolean sendDispenses() default false;
}
