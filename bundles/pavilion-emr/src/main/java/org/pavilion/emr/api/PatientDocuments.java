package org.pavilion.emr.api;

import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The EMR's documents for another department's code: attach a file to a patient's record, optionally linked to one
 * of the patient's encounters (a file shared in a video consultation). The EMR's own rules apply as for its REST
 * upload: the current {@code CallerContext} caller must be allowed to write the patient's
 * {@link DataPart#DOCUMENTS} (a department acting for a patient grants what it has already checked, e.g. with
 * {@code CallerContext.currentWith}), the content must be of an accepted type and within the EMR's size limit,
 * and nothing is stored unless every check passed. Refusals are the core's {@code ProblemException} with the
 * status the REST upload would answer: 400 (bad title, category or encounter), 403/404 (access), 413 (too large),
 * 415 (type not accepted or content not of its declared type).
 *
 * @since 2.3
 */
@ProviderType
public interface PatientDocuments {

    /** What is attached, besides the content. */
    @ProviderType
    final class NewDocument {
        /** The patient's MRN (a merged duplicate's MRN names its survivor). */
        public String mrn;
        /** One of the patient's encounters, or null. */
        public String encounterId;
        /** Shown in the record, 1 to 200 characters. */
        public String title;
        /** LAB_REPORT, IMAGE, DICOM, SCANNED_FORM, LETTER or OTHER. */
        public String category;
        /** The content's media type, e.g. application/pdf. */
        public String contentType;
        /** The content's length in bytes when known, else -1. */
        public long contentLength = -1;
    }

    /** Attaches {@code content} (read to its end, not closed); publishes DocumentAttached. @return the document's id */
    String attach(NewDocument document, InputStream content);
}
