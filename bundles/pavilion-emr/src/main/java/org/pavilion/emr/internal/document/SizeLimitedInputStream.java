package org.pavilion.emr.internal.document;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read and fails with {@link TooLargeException} as soon as more than {@code max} have come,
 * so an upload without Content-Length (chunked) is stopped after at most {@code max + 1} bytes, not at its end.
 */
public final class SizeLimitedInputStream extends FilterInputStream {

    private final long max;
    private long count;

    public SizeLimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would make the count lie
    }

    private void add(long n) throws TooLargeException {
        count += n;
        if (count > max) {
            throw new TooLargeException(max);
        }
    }

    /** More bytes than allowed arrived. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        public final long max;

        public TooLargeException(long max) {
            super("more than " + max + " bytes");
            this.max = max;
        }
    }
}
