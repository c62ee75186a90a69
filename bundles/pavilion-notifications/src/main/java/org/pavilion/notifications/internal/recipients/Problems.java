package org.pavilion.notifications.internal.recipients;

import java.util.List;
import java.util.Map;

import org.pavilion.core.api.rest.ProblemException;

/** The department's 422: every problem of a body at once, in {@code detail} and as the {@code problems} list. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException unprocessable(List<String> problems) {
        return new ProblemException(422, "validation", "Unprocessable request", String.join("; ", problems),
                Map.of("problems", List.copyOf(problems)));
    }
}
