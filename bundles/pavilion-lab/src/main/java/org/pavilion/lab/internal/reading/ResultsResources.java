package org.pavilion.lab.internal.reading;

/** Header and paging defaults shared by the reading endpoints. */
final class ResultsResources {

    /**
     * A clinician's reason for opening a restricted record: the same header the EMR's clinical record reads
     * ({@code ClinicalAccess.BREAK_GLASS_HEADER}), so the chart sends one header to every department.
     */
    static final String BREAK_GLASS_HEADER = "Pavilion-Break-Glass-Reason";

    private ResultsResources() {
    }
}
