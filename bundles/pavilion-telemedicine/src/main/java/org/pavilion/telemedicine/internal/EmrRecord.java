package org.pavilion.telemedicine.internal;

import java.io.InputStream;

/**
 * The patient's EMR record as the consultation uses it: the TELECONSULTATION encounter admission opens and the end
 * closes, and the files shared in the call. Registered by {@link EmrRecordLink} only while the EMR is installed;
 * {@link ConsultationService} works without it (no encounter then, and the view says so). Kept free of EMR types so
 * the rest of the bundle never loads an EMR class (the import is optional).
 */
interface EmrRecord {

    /**
     * The visit numbers' system in the EMR: the appointment's visit, numbered by appointment id as scheduling's
     * check-in numbers it, so one video appointment has one encounter whichever of the two opens it first.
     */
    String VISIT_SYSTEM = "pavilion-scheduling";

    /** An encounter of the patient: its id and the MRN it is kept under (the survivor's, after merges). */
    record Encounter(String mrn, String id) {
    }

    /**
     * Opens the appointment's encounter, or finds the one opened before (the appointment id is the visit number).
     *
     * @throws IllegalArgumentException when the EMR refuses (an MRN it does not hold)
     */
    Encounter open(String mrn, String appointmentId, String attending, String reason);

    /** Closes the appointment's encounter; closed before: nothing changes. */
    void close(String appointmentId);

    /**
     * Attaches a shared file to the patient's documents, linked to the encounter.
     *
     * @return the document's id
     * @throws org.pavilion.core.api.rest.ProblemException with the EMR's 4xx when it refuses the file
     */
    String attach(String mrn, String encounterId, String title, String contentType, long contentLength,
            InputStream content);
}
