package org.pavilion.emr.internal.document;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.Test;

public class SizeLimitedInputStreamTest {

    @Test
    public void passesContentUpToTheLimit() throws IOException {
        SizeLimitedInputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(new byte[1000]), 1000);
        assertEquals(1000, in.readAllBytes().length);
        assertEquals(1000, in.count());
    }

    @Test
    public void failsOnTheFirstByteOverTheLimitWithoutReadingTheRest() throws IOException {
        // An endless body (chunked upload without Content-Length): the limit must stop it.
        InputStream endless = new InputStream() {
            long served;
            @Override
            public int read() {
                served++;
                return 'x';
            }
        };
        SizeLimitedInputStream in = new SizeLimitedInputStream(endless, 10_000);
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) > 0) {
                assertTrue(in.count() <= 10_000);
            }
            fail("no limit");
        } catch (SizeLimitedInputStream.TooLargeException e) {
            assertEquals(10_000, e.max);
            assertTrue("stopped near the limit, read " + in.count(), in.count() <= 10_000 + buffer.length);
        }
    }

    @Test
    public void singleByteReadsAreCountedToo() throws IOException {
        SizeLimitedInputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(new byte[3]), 2);
        in.read();
        in.read();
        try {
            in.read();
            fail("third byte is over the limit");
        } catch (SizeLimitedInputStream.TooLargeException expected) {
            assertEquals(3, in.count());
        }
    }
}
