package org.pavilion.scheduling.internal.directory;

import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

/**
 * A well-formed BCP 47 language tag ({@code en}, {@code es-MX}, {@code zh-Hant}; case and '_' for '-' forgiven), at
 * most 35 characters. Null or blank is valid: a list's blank entries are dropped.
 */
@Documented
@Constraint(validatedBy = LanguageTag.Check.class)
@Target(TYPE_USE)
@Retention(RUNTIME)
public @interface LanguageTag {

    String message() default "must be a BCP 47 tag such as en, es-MX or zh-Hant";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<LanguageTag, String> {

        /** The tag in its canonical case ("es-MX"); null when it is blank or not well-formed. */
        public static String canonical(String tag) {
            if (tag == null || tag.isBlank()) {
                return null;
            }
            String t = tag.strip().replace('_', '-');
            String canonical = Locale.forLanguageTag(t).toLanguageTag();
            return canonical.equals("und") || !canonical.equalsIgnoreCase(t) || t.length() > 35 ? null : canonical;
        }

        @Override
        public boolean isValid(String tag, ConstraintValidatorContext context) {
            return tag == null || tag.isBlank() || canonical(tag) != null;
        }
    }
}
