package org.pavilion.billing.internal.insurance;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * An http or https URL with a host, surrounding blanks ignored (an insurer's FHIR server). Null and blank pass: the
 * field is optional.
 */
@Documented
@Constraint(validatedBy = HttpUrl.Check.class)
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
public @interface HttpUrl {

    String message() default "must be an http(s) URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check (public, for the validator to instantiate). */
    final class Check implements ConstraintValidator<HttpUrl, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                URI u = new URI(value.trim());
                return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
