package org.pavilion.core.api.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The violated fields of one request, answered together as {@link DeclaredConstraints} answers them: 400, type
 * {@value DeclaredConstraints#PROBLEM_TYPE}, a detail naming each, and {@value DeclaredConstraints#VIOLATIONS} ordered
 * by field. For the rules a body's class cannot declare (today's date, one list entry against another, one of two
 * fields): collect what {@link DeclaredConstraints#check} refused with {@link #addAll}, add your own with
 * {@link #add}, and {@link #refuseAny} once, so a form's every mistake comes back in one answer. Not thread-safe: one
 * per request.
 *
 * @since 2.5
 */
public final class Violations {

    private final List<Map<String, String>> found = new ArrayList<>();

    /**
     * Takes the violations of a refusal {@link DeclaredConstraints#check} threw; any other problem is rethrown.
     *
     * @param declared what {@code check} threw
     * @return this
     */
    @SuppressWarnings("unchecked")
    public Violations addAll(ProblemException declared) {
        Object listed = declared.extensions().get(DeclaredConstraints.VIOLATIONS);
        if (!(listed instanceof List)) {
            throw declared;
        }
        for (Map<String, String> v : (List<Map<String, String>>) listed) {
            add(v.get("field"), v.get("message"));
        }
        return this;
    }

    /**
     * One violated field.
     *
     * @param field   the field as the client sent it ({@code nextOfKin[1].phone}), or {@code body}
     * @param message what is wrong with it
     * @return this
     */
    public Violations add(String field, String message) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("field", field);
        v.put("message", message);
        found.add(v);
        return this;
    }

    /** @return whether nothing was found */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * Refuses the request when anything was found.
     *
     * @throws ProblemException 400 {@value DeclaredConstraints#PROBLEM_TYPE} listing every violation by field
     */
    public void refuseAny() {
        if (found.isEmpty()) {
            return;
        }
        List<Map<String, String>> sorted = found.stream()
                .sorted(Comparator.<Map<String, String>, String>comparing(v -> v.get("field"))
                        .thenComparing(v -> v.get("message")))
                .collect(Collectors.toList());
        String detail = sorted.stream().map(v -> v.get("field") + " " + v.get("message"))
                .collect(Collectors.joining("; "));
        throw new ProblemException(400, DeclaredConstraints.PROBLEM_TYPE, "Invalid request",
                (sorted.size() == 1 ? "1 invalid field: " : sorted.size() + " invalid fields: ") + detail,
                Map.of(DeclaredConstraints.VIOLATIONS, sorted));
    }
}
