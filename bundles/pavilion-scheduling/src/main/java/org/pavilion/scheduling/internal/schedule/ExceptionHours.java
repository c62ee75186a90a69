package org.pavilion.scheduling.internal.schedule;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

import org.pavilion.scheduling.internal.schedule.ScheduleDtos.DayException;

/**
 * What an exception's kind asks of its other fields: OPEN hours give start, end and location; a CLOSED one gives
 * start and end together (part of the day) or neither (the whole day). Each missing field is reported on itself.
 */
@Documented
@Constraint(validatedBy = ExceptionHours.Check.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface ExceptionHours {

    String message() default "is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<ExceptionHours, DayException> {

        private static final String BOTH_OR_NEITHER = " (give both, or neither for the whole day)";

        @Override
        public boolean isValid(DayException e, ConstraintValidatorContext context) {
            if (e == null || e.kind == null) {
                return true;
            }
            String kind = e.kind.strip().toUpperCase(Locale.ROOT);
            boolean start = present(e.start);
            boolean end = present(e.end);
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (Snapshot.DayException.OPEN.equals(kind)) {
                valid &= required(context, start, "start", "is required for OPEN hours (e.g. 09:00)");
                valid &= required(context, end, "end", "is required for OPEN hours (e.g. 17:00)");
                valid &= required(context, present(e.location), "location", "is required for OPEN hours");
            } else if (Snapshot.DayException.CLOSED.equals(kind)) {
                valid &= required(context, start || !end, "start", "is required with end" + BOTH_OR_NEITHER);
                valid &= required(context, end || !start, "end", "is required with start" + BOTH_OR_NEITHER);
            }
            return valid;
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }

        private static boolean required(ConstraintValidatorContext context, boolean given, String field,
                String message) {
            if (!given) {
                context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            }
            return given;
        }
    }
}
