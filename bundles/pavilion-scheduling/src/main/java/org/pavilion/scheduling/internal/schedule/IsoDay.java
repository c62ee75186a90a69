package org.pavilion.scheduling.internal.schedule;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * A real day, ISO ({@code 2026-12-07}, surrounding spaces ignored). Null or blank is valid (absent): a required day
 * also declares {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = IsoDay.Check.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface IsoDay {

    String message() default "must be a day such as 2026-12-07";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<IsoDay, String> {

        /** The day; null when it is absent or not one. */
        public static LocalDate day(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || day(value) != null;
        }
    }
}
