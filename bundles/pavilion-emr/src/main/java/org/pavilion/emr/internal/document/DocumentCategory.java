package org.pavilion.emr.internal.document;

/** What a document is to the clinician, independent of its file format. */
public enum DocumentCategory {
    LAB_REPORT, IMAGE, DICOM, SCANNED_FORM, LETTER, OTHER
}
