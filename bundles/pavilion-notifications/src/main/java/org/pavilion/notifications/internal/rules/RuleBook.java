package org.pavilion.notifications.internal.rules;

import java.util.List;

/** The rules in force (cached; an administrator's change applies to the next event). */
public interface RuleBook {

    /** The enabled rules of {@code eventType}, in a stable order; empty when none. */
    List<RuleView> forEvent(String eventType);
}
