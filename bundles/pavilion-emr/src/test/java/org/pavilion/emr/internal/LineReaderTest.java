package org.pavilion.emr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.StringReader;

import org.junit.Test;

public class LineReaderTest {

    @Test
    public void linesAreNumberedFromOneWithCrLfAndAMissingLastNewline() throws Exception {
        try (PatientImporter.LineReader r = new PatientImporter.LineReader(new StringReader("a\r\n\nc"))) {
            assertEquals("a", r.next());
            assertEquals(1, r.lineNumber());
            assertEquals("", r.next());
            assertEquals("c", r.next());
            assertEquals(3, r.lineNumber());
            assertNull(r.next());
        }
    }

    @Test
    public void anOverlongLineIsCutAndFlaggedWithoutSwallowingTheNext() throws Exception {
        String longLine = "x".repeat(PatientImporter.MAX_LINE_CHARS + 10);
        try (PatientImporter.LineReader r = new PatientImporter.LineReader(new StringReader(longLine + "\nok\n"))) {
            assertEquals(PatientImporter.MAX_LINE_CHARS, r.next().length());
            assertTrue(r.lastWasTooLong());
            assertEquals("ok", r.next());
            assertFalse(r.lastWasTooLong());
            assertEquals(2, r.lineNumber());
            assertNull(r.next());
        }
    }
}
