package org.pavilion.scheduling.internal.schedule;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * A body's last day ({@link #to}) is not before its first ({@link #from}), both {@link IsoDay} fields: reported on
 * {@code to}. Says nothing while either is absent or malformed: their own constraints do.
 */
@Documented
@Constraint(validatedBy = DaysInOrder.Check.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface DaysInOrder {

    String message() default "must not be before {from}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The field of the first day. */
    String from();

    /** The field of the last day. */
    String to();

    final class Check implements ConstraintValidator<DaysInOrder, Object> {

        private String fromField;
        private String toField;

        @Override
        public void initialize(DaysInOrder annotation) {
            fromField = annotation.from();
            toField = annotation.to();
        }

        @Override
        public boolean isValid(Object body, ConstraintValidatorContext context) {
            if (body == null) {
                return true;
            }
            LocalDate from = IsoDay.Check.day(BodyFields.text(body, fromField));
            LocalDate to = IsoDay.Check.day(BodyFields.text(body, toField));
            if (from == null || to == null || !to.isBefore(from)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode(toField).addConstraintViolation();
            return false;
        }
    }
}
