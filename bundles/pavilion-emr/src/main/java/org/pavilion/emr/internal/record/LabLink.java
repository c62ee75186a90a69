package org.pavilion.emr.internal.record;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.pavilion.emr.api.LabResult;
import org.pavilion.emr.api.LabResultsSource;
import org.pavilion.emr.internal.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional, dynamic link to a laboratory's {@link LabResultsSource}: DS binds and unbinds it at any time
 * (the lab department installed, updated, removed), while record views read it concurrently.
 */
final class LabLink {

    private static final Logger LOG = LoggerFactory.getLogger(LabLink.class);

    private final AtomicReference<LabResultsSource> source = new AtomicReference<>();

    void bind(LabResultsSource s) {
        source.set(s);
    }

    /** Only clears the link if {@code s} is still the bound one (a greedy rebind may already have replaced it). */
    void unbind(LabResultsSource s) {
        source.compareAndSet(s, null);
    }

    /** Recent results, or null when no laboratory is available (none installed, or it failed to answer). */
    List<LabResult> recent(String mrn, int max) {
        LabResultsSource s = source.get();
        if (s == null) {
            return null;
        }
        try {
            List<LabResult> results = s.recentResults(mrn, max);
            return results == null ? List.of() : List.copyOf(results.subList(0, Math.min(max, results.size())));
        } catch (RuntimeException e) {
            // The record view must not fail because the lab does: show it as unavailable.
            // Without the failure's messages: the lab's may quote the MRN it was asked for (issue #20).
            LOG.warn("Lab results source failed for a record view; showing labs as unavailable", LogSafe.failure(e));
            return null;
        }
    }
}
