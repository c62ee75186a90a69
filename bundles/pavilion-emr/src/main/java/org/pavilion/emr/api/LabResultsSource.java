package org.pavilion.emr.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Service a laboratory department may register so the doctor's record view shows recent lab results. The EMR
 * refers to it optionally and dynamically: without a laboratory installed the view says so
 * ({@code labAvailable: false}) instead of failing.
 */
@ConsumerType
public interface LabResultsSource {

    /**
     * The patient's most recent results, newest first, at most {@code max}; empty when there are none. Called
     * after the EMR has checked that the caller may read the record; implementations must not block for long.
     */
    List<LabResult> recentResults(String mrn, int max);
}
