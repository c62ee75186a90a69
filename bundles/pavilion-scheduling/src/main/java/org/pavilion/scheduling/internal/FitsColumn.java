package org.pavilion.scheduling.internal;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A list of texts that one column keeps, as {@link #as} writes it, within the column's {@link #chars}: the rule is
 * on what is stored, so it is the stored form that is measured. Null or empty is valid.
 */
@Documented
@Constraint(validatedBy = FitsColumn.Check.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface FitsColumn {

    String message() default "is longer than {chars} characters in all";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The column's length. */
    int chars();

    /** How the column keeps the list. */
    Stored as();

    /** How a column keeps a list; blank entries are dropped, the others trimmed. Null for an empty list. */
    enum Stored {
        /** Comma-separated, each entry once (service codes). */
        COMMAS {
            @Override
            public String of(List<String> values) {
                List<String> clean = Inputs.texts(values).stream().distinct().toList();
                return clean.isEmpty() ? null : String.join(",", clean);
            }
        },
        /** A JSON array of strings, in order (a doctor's education). */
        JSON {
            private final ObjectMapper json = new ObjectMapper();

            @Override
            public String of(List<String> values) {
                List<String> clean = Inputs.texts(values);
                try {
                    return clean.isEmpty() ? null : json.writeValueAsString(clean);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        /** The column's text for {@code values}; null when none is left. */
        public abstract String of(List<String> values);
    }

    final class Check implements ConstraintValidator<FitsColumn, List<String>> {

        private int chars;
        private Stored as;

        @Override
        public void initialize(FitsColumn annotation) {
            chars = annotation.chars();
            as = annotation.as();
        }

        @Override
        public boolean isValid(List<String> values, ConstraintValidatorContext context) {
            String stored = as.of(values);
            return stored == null || stored.length() <= chars;
        }
    }
}
