package org.pavilion.billing.internal.pricing;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * One of the price categories (docs/billing-api.md, "Price list"): what a price is and what a plan's coverage rule
 * covers. Null and blank pass: pair it with {@code @NotBlank} where the category is required.
 */
@Documented
@Constraint(validatedBy = PriceCategory.Check.class)
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
public @interface PriceCategory {

    /** Every category, as the refusal names them. */
    String NAMES = "BED_DAY, CONSULTATION, LAB_TEST, MEDICINE, OTHER, PROCEDURE, SUPPLY";

    /** The same, to look a category up. */
    Set<String> ALL = Set.of(NAMES.split(", "));

    String message() default "must be one of " + NAMES;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Any case and surrounding blanks (a price's category, kept upper case); false: exactly as listed. */
    boolean anyCase() default false;

    /** The check (public, for the validator to instantiate). */
    final class Check implements ConstraintValidator<PriceCategory, String> {

        private boolean anyCase;

        @Override
        public void initialize(PriceCategory declared) {
            anyCase = declared.anyCase();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            return ALL.contains(anyCase ? value.strip().toUpperCase(Locale.ROOT) : value);
        }
    }
}
