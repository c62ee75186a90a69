package org.pavilion.core.api.rest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a request body against the Bean Validation constraints its class declares ({@code @NotBlank},
 * {@code @Size}, {@code @Pattern}, {@code @Past}, {@code @Valid} on nested objects...), so a department states its
 * rules on its fields instead of writing the error strings by hand. The platform's service; departments reference it
 * and call {@link #check} once, in the code both their REST and SOAP faces go through.
 *
 * <p>A body that breaks any constraint is refused with one {@link ProblemException}: 400, type
 * {@value #PROBLEM_TYPE}, a detail naming every violation, and the extension {@code violations}, a list of
 * {@code {"field": "address.postcode", "message": "must not be blank"}} ordered by field. The field is the property
 * path as the client sent it: JSON names, list positions in brackets ({@code lines[2].quantity}); a constraint on the
 * whole body is reported on {@code body}. A SOAP face turns the same exception into its fault, whose detail carries
 * the same list.
 *
 * @since 2.4
 */
@ProviderType
public interface DeclaredConstraints {

    /** The problem type of a refused body, the same as {@link ProblemException#validation(String)}'s. */
    String PROBLEM_TYPE = ProblemException.TYPE_PREFIX + "validation";

    /** The problem extension that lists the violations, each a map with {@code field} and {@code message}. */
    String VIOLATIONS = "violations";

    /**
     * Refuses a body that breaks its declared constraints; a {@code null} body is one violation on {@code body}.
     *
     * @param body   the request body
     * @param groups the validation groups to check; none means {@code javax.validation.groups.Default}
     * @throws ProblemException 400 {@value #PROBLEM_TYPE} listing every violation
     */
    void check(Object body, Class<?>... groups);
}
