package org.pavilion.emr.api;

import org.osgi.annotation.versioning.ProviderType;

/** Event payload: a document or image was attached to a patient's record. Published as event type {@link #TYPE}. */
@ProviderType
public class DocumentAttached {

    public static final String TYPE = "DocumentAttached";

    /** UUID; the content is at /api/v1/emr/documents/{documentId}/content. */
    public String documentId;
    public String mrn;
    /** The encounter it was attached in (e.g. shared in a video consultation); null when none. @since 2.3 */
    public String encounterId;
    public String title;
    /** LAB_REPORT, IMAGE, DICOM, SCANNED_FORM, LETTER or OTHER. */
    public String category;
    /** application/pdf, image/jpeg, image/png, application/dicom or image/tiff. */
    public String contentType;
    public long sizeBytes;
    /** Lower-case hexadecimal SHA-256 of the content. */
    public String sha256;
    /** ISO-8601 instant. */
    public String attachedAt;
    public String attachedBy;
}
