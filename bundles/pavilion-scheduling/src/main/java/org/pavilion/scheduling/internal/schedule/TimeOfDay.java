package org.pavilion.scheduling.internal.schedule;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * A time of day as schedules are kept: "HH:mm" (surrounding spaces ignored), 00:00 to 24:00, on a 5-minute boundary,
 * the unit slots and holds are counted in. Null or blank is valid (absent): a required time also declares
 * {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = TimeOfDay.Check.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface TimeOfDay {

    String message() default "must be a time of day such as 09:00";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Names what is wrong (its shape, its range, its boundary), each in its own words. */
    final class Check implements ConstraintValidator<TimeOfDay, String> {

        private static final Pattern HH_MM = Pattern.compile("(\\d{1,2}):(\\d{2})");

        /** The minutes after midnight of a valid time of day; null when it is absent or not one. */
        public static Integer minutes(String text) {
            if (text == null || text.isBlank() || problem(text) != null) {
                return null;
            }
            Matcher m = HH_MM.matcher(text.strip());
            m.matches();
            return Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            String problem = problem(value);
            if (problem == null) {
                return true;
            }
            if (!problem.isEmpty()) {
                context.disableDefaultConstraintViolation();
                // Only digits and a colon reach the text: nothing for the message interpolator to read.
                context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            }
            return false;
        }

        /** Null when valid; empty when not shaped HH:mm (the annotation's message); else what is wrong. */
        static String problem(String value) {
            String text = value.strip();
            Matcher m = HH_MM.matcher(text);
            if (!m.matches()) {
                return "";
            }
            int hours = Integer.parseInt(m.group(1));
            int minutes = Integer.parseInt(m.group(2));
            if (minutes > 59 || hours * 60 + minutes > 24 * 60) {
                return "must be between 00:00 and 24:00; was " + text;
            }
            if (minutes % 5 != 0) {
                return "must be on a 5-minute boundary (e.g. 09:05); was " + text;
            }
            return null;
        }
    }
}
