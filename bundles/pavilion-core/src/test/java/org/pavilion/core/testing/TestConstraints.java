package org.pavilion.core.testing;

import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.internal.rest.BeanValidationConstraints;

/**
 * The platform's {@link DeclaredConstraints} for departments' unit tests: the same validator and the same problem
 * the container answers with (the department's test classpath needs Hibernate Validator, which the department parent
 * adds in test scope).
 */
public final class TestConstraints {

    private static final DeclaredConstraints PLATFORM = new BeanValidationConstraints();

    private TestConstraints() {
    }

    public static DeclaredConstraints platform() {
        return PLATFORM;
    }
}
