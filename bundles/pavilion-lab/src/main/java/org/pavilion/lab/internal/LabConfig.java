package org.pavilion.lab.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.pavilion.lab.cfg}: read by every component of the department that needs one of these. */
@ObjectClassDefinition(pid = LabConfig.PID, name = "Pavilion laboratory",
        description = "Critical value escalation, the external LIS feed, result release")
public @interface LabConfig {

    String PID = "org.pavilion.lab";

    @AttributeDefinition(description = "Minutes an unacknowledged critical result waits before it escalates a level")
    int criticalEscalateMinutes() default 30;

    @AttributeDefinition(description = "Username of the department's on-call doctor (first escalation); empty: skip to the head")
    String criticalOnCall() default "";

    @AttributeDefinition(description = "Username of the head of department (last escalation)")
    String criticalHead() default "";

    @AttributeDefinition(description = "Seconds between two runs of the escalation route")
    int criticalCheckSeconds() default 60;

    @AttributeDefinition(description = "Release a result as soon as it is verified (else a separate release step)")
    boolean releaseOnVerify() default true;

    @AttributeDefinition(description = "Order message to an external LIS: NONE, ORM_O01 or OML_O21")
    String lisOrderMessage() default "NONE";

    @AttributeDefinition(description = "Send released results to the outbound feeds as ORU^R01")
    boolean lisSendResults() default false;

    @AttributeDefinition(description = "Sending applications (MSH-3) whose final ORU^R01 results are verified already "
            + "(an external LIS that verifies its own work), comma-separated; others are verified in this lab")
    String lisVerifiedSenders() default "";
}
