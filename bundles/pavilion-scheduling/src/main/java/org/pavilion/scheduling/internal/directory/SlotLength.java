package org.pavilion.scheduling.internal.directory;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * A slot's length in minutes: 5 to 480 (a working day) in steps of 5, the unit slots and holds are counted in. Null
 * is valid: a required length also declares {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = SlotLength.Check.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface SlotLength {

    int MIN = 5;
    int MAX = 480;
    int STEP = 5;

    String message() default "must be 5 to 480 minutes in steps of 5";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<SlotLength, Integer> {

        @Override
        public boolean isValid(Integer minutes, ConstraintValidatorContext context) {
            return minutes == null || minutes >= MIN && minutes <= MAX && minutes % STEP == 0;
        }
    }
}
