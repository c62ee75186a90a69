package org.pavilion.emr.internal.document;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class DocumentTypeTest {

    static byte[] dicom() {
        byte[] b = new byte[140];
        b[128] = 'D';
        b[129] = 'I';
        b[130] = 'C';
        b[131] = 'M';
        return b;
    }

    private static DocumentType sniff(byte[] b) {
        return DocumentType.sniff(b, b.length);
    }

    @Test
    public void recognisesEachAcceptedFormatByItsMagicBytes() {
        assertEquals(DocumentType.PDF, sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(DocumentType.JPEG, sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
        assertEquals(DocumentType.PNG, sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}));
        assertEquals(DocumentType.TIFF, sniff(new byte[] {'I', 'I', '*', 0, 8, 0, 0, 0}));
        assertEquals(DocumentType.TIFF, sniff(new byte[] {'M', 'M', 0, '*', 0, 0, 0, 8}));
        assertEquals(DocumentType.DICOM, sniff(dicom()));
    }

    @Test
    public void refusesOtherAndTruncatedContent() {
        assertNull(sniff("MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1))); // a Windows executable
        assertNull(sniff("%PDF".getBytes(StandardCharsets.US_ASCII))); // one byte short of the marker
        assertNull(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A}));
        assertNull(sniff(new byte[0]));
        byte[] shortDicom = java.util.Arrays.copyOf(dicom(), 131);
        assertNull(sniff(shortDicom));
        byte[] misplaced = new byte[140];
        misplaced[0] = 'D'; misplaced[1] = 'I'; misplaced[2] = 'C'; misplaced[3] = 'M';
        assertNull(sniff(misplaced));
    }

    @Test
    public void mapsDeclaredMediaTypesIgnoringCaseAndParameters() {
        assertEquals(DocumentType.PDF, DocumentType.ofMediaType("Application/PDF; name=x.pdf"));
        assertEquals(DocumentType.DICOM, DocumentType.ofMediaType("application/dicom"));
        assertNull(DocumentType.ofMediaType("application/octet-stream"));
        assertNull(DocumentType.ofMediaType("multipart/form-data; boundary=x"));
        assertNull(DocumentType.ofMediaType(null));
    }
}
