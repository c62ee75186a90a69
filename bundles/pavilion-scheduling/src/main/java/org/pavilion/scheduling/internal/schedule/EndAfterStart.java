package org.pavilion.scheduling.internal.schedule;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * A body's {@code end} time of day is after its {@code start} (both {@link TimeOfDay} fields), reported on
 * {@code end}. Says nothing while either is absent or malformed: their own constraints do.
 */
@Documented
@Constraint(validatedBy = EndAfterStart.Check.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface EndAfterStart {

    String message() default "must be after start";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<EndAfterStart, Object> {

        @Override
        public boolean isValid(Object body, ConstraintValidatorContext context) {
            if (body == null) {
                return true;
            }
            Integer start = TimeOfDay.Check.minutes(BodyFields.text(body, "start"));
            Integer end = TimeOfDay.Check.minutes(BodyFields.text(body, "end"));
            if (start == null || end == null || end > start) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // The start as read back ("HH:mm"): nothing the client typed reaches the message interpolator.
            context.buildConstraintViolationWithTemplate("must be after start (" + DaySlots.hhmm(start) + ")")
                    .addPropertyNode("end").addConstraintViolation();
            return false;
        }
    }
}
