package org.pavilion.telemedicine.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A shared file's body, counted as it is read and refused beyond the cap, whatever the request declared (a chunked
 * upload has no length). Unchecked, so it passes through the EMR's storing code, which then keeps nothing.
 */
final class CappedInputStream extends FilterInputStream {

    /** More bytes arrived than the cap allows. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long cap) {
            super("more than " + cap + " bytes", null, false, false);
        }
    }

    private final long cap;
    private long count;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) {
        count += n;
        if (count > cap) {
            throw new TooLarge(cap);
        }
    }
}
