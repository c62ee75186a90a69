package org.pavilion.scheduling.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.pavilion.scheduling.cfg}: read by every component of the department that needs one of these. */
@ObjectClassDefinition(pid = SchedulingConfig.PID, name = "Pavilion scheduling",
        description = "Time zone of the schedules, check-in grace, no-show and waiting-list offer times")
public @interface SchedulingConfig {

    String PID = "org.pavilion.scheduling";

    @AttributeDefinition(description = "IANA time zone of working hours and wall-clock times; empty: the JVM's")
    String zone() default "";

    @AttributeDefinition(description = "Minutes after the start after which an arrival counts as late")
    int checkInGraceMinutes() default 15;

    @AttributeDefinition(description = "Minutes after the start after which a patient not checked in is marked no-show")
    int noShowAfterMinutes() default 30;

    @AttributeDefinition(description = "Seconds between two runs of the late and no-show route")
    int noShowCheckSeconds() default 60;

    @AttributeDefinition(description = "Minutes before the start from which the booking code checks in at a kiosk")
    int kioskEarlyMinutes() default 60;

    @AttributeDefinition(description = "Minutes a waiting patient has to accept an offered slot before the next is offered")
    int offerMinutes() default 120;

    @AttributeDefinition(description = "How many days ahead appointments may be booked")
    int maxDaysAhead() default 366;
}
