package org.pavilion.telemedicine.internal;

import java.io.InputStream;

/**
 * The patient's EMR record as the consultation uses it: the TELECONSULTATION encounter admission opens and the end
 * closes, and the files shared in the call. Registered by {@link EmrRecordLink} only while the EMR is installed;
 * {@link ConsultationService} works without it (no encounter then, and the view says so). Kept free of EMR types so
 * the rest of the bundle never loads an EMR class (the import is optional).
 */
interface EmrRecord {

    /** The visit numbers' system in the EMR: consultations of this department, numbered by consultation id. */
    String VISIT_SYSTEM = "pavilion-telemedicine";

    /** An encounter of the patient: its id and the MRN it is kept under (the survivor's, after merges). */
    record Encounter(String mrn, String id) {
    }

    /**
     * Opens the consultation's encounter, or finds the one opened before (the consultation id is the visit number).
     *
     * @throws IllegalArgumentException when the EMR refuses (an MRN it does not hold)
     */
    Encounter open(String mrn, String consultationId, String attending, String reason);

    /** Closes the consultation's encounter; closed before: nothing changes. */
    void close(String consultationId);

    /**
     * Attaches a shared file to the patient's documents, linked to the encounter.
     *
     * @return the document's id
     * @throws org.pavilion.core.api.rest.ProblemException with the EMR's 4xx when it refuses the file
     */
    String attach(String mrn, String encounterId, String title, String contentType, long contentLength,
            InputStream content);
}
