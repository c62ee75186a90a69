package org.pavilion.emr.internal.document;

import java.util.Locale;

/**
 * The file formats the record accepts, recognised by their magic bytes. The Content-Type a client declares is
 * only believed when the bytes agree: a renamed executable must not reach a clinician's PDF viewer.
 */
public enum DocumentType {
    PDF("application/pdf", "pdf"),
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    /** DICOM Part 10 file: 128-byte preamble, then "DICM". */
    DICOM("application/dicom", "dcm"),
    /** Scanned forms: little-endian ("II*\0") or big-endian ("MM\0*") TIFF. */
    TIFF("image/tiff", "tif");

    /** Bytes needed to recognise every type (DICOM's marker ends at offset 132). */
    public static final int HEAD_BYTES = 132;

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] DICOM_MAGIC = {'D', 'I', 'C', 'M'};
    private static final byte[] TIFF_LE = {'I', 'I', '*', 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, '*'};

    public final String mediaType;
    public final String extension;

    DocumentType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The type the first {@code length} bytes of {@code head} show, or null when none of ours. */
    public static DocumentType sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, PDF_MAGIC)) {
            return PDF;
        }
        if (startsWith(head, length, 0, PNG_MAGIC)) {
            return PNG;
        }
        if (startsWith(head, length, 0, JPEG_MAGIC)) {
            return JPEG;
        }
        if (startsWith(head, length, 0, TIFF_LE) || startsWith(head, length, 0, TIFF_BE)) {
            return TIFF;
        }
        if (startsWith(head, length, 128, DICOM_MAGIC)) {
            return DICOM;
        }
        return null;
    }

    /**
     * The type a declared Content-Type names, ignoring parameters and case ({@code image/jpg} and
     * {@code application/x-pdf}-style aliases are not accepted: clients send the registered names); null if none.
     */
    public static DocumentType ofMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String bare = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        for (DocumentType t : values()) {
            if (t.mediaType.equals(bare)) {
                return t;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] data, int length, int offset, byte[] magic) {
        if (length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
