package org.pavilion.notifications.internal.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a template's fields fit the rules that use its key: each rule's event type must have the field, and a
 * clinical field needs a rule with clinical detail. Shared by the rule and the template side of an edit.
 */
final class TemplateChecks {

    /** A rule that uses a template key, as far as its templates are concerned. */
    record Use(String ruleId, String eventType, boolean clinicalDetail) {

        static Use of(RuleEntity r) {
            return new Use(r.getId(), r.getEventType(), r.isClinicalDetail());
        }
    }

    private TemplateChecks() {
    }

    /** The problems of {@code fields} (named {@code label} in the answer) under {@code uses}; empty when none. */
    static Set<String> problems(String label, Set<String> fields, List<Use> uses) {
        Set<String> problems = new LinkedHashSet<>();
        for (String field : fields.stream().sorted().toList()) {
            if (uses.isEmpty()) {
                if (!EventCatalogue.allNames().contains(field)) {
                    problems.add(label + " uses {{" + field + "}}, which no event type has");
                }
                continue;
            }
            for (Use use : uses) {
                EventCatalogue.type(use.eventType()).ifPresent(type -> {
                    if (!type.names().contains(field)) {
                        problems.add(label + " uses {{" + field + "}}, which " + type.name() + " does not have (rule "
                                + use.ruleId() + ")");
                    } else if (!use.clinicalDetail() && type.clinicalNames().contains(field)) {
                        problems.add(label + " uses the clinical field {{" + field + "}}, but rule " + use.ruleId()
                                + " has no clinical detail");
                    }
                });
            }
        }
        return problems;
    }
}
