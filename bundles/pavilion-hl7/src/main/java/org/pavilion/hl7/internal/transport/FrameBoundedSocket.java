package org.pavilion.hl7.internal.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * An accepted connection as camel-mllp sees it: only MLLP frames reach camel-mllp, and the input fails once too much
 * arrives outside or inside a frame. camel-mllp itself skips bytes before a start-of-block and keeps reading (and
 * logs them at WARN, content included, whatever logPhi says), so a sender of unframed bytes (an HTTP request, a
 * port scan, random data) would hold a consumer slot for as long as it writes; with this bound camel-mllp sees a
 * read error and resets the connection.
 */
final class FrameBoundedSocket extends Socket {

    private static final int START_OF_BLOCK = 0x0b;
    private static final int END_OF_BLOCK = 0x1c;
    private static final int END_OF_DATA = 0x0d;
    /** Bytes tolerated between frames (stray line ends); an HTTP request or a scan is cut off after this. */
    static final int OUT_OF_BAND_LIMIT = 4096;

    private final Socket socket;
    private final long limit;
    private InputStream in;

    FrameBoundedSocket(Socket socket, long limit) {
        this.socket = socket;
        this.limit = limit;
    }

    /** The accepted socket itself (an SSLSocket with TLS). */
    Socket unwrap() {
        return socket;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new Bounded(socket.getInputStream(), limit);
        }
        return in;
    }

    /**
     * Passes MLLP frames (start-of-block .. end-of-block and the carriage return after it) and drops what comes
     * between frames, so camel-mllp never sees, and never logs, out-of-band bytes; fails the read once more than
     * {@link #OUT_OF_BAND_LIMIT} bytes arrive between frames or more than {@code limit} inside one.
     */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private boolean inFrame;
        private boolean afterEndOfBlock;
        private long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                int n = super.read(b, off, len);
                if (n <= 0) {
                    return n;
                }
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    int x = b[off + i] & 0xff;
                    if (keep(x)) {
                        b[off + kept++] = (byte) x;
                    }
                }
                if (kept > 0) {
                    return kept;
                }
                // everything read was between frames: read on (a timeout or the end still ends the read)
            }
        }

        private boolean keep(int x) throws IOException {
            if (inFrame) {
                if (x == END_OF_BLOCK) {
                    inFrame = false;
                    afterEndOfBlock = true;
                    count = 0;
                } else if (++count > limit) {
                    throw new IOException("MLLP frame longer than " + limit + " bytes: connection cut off");
                }
                return true;
            }
            if (afterEndOfBlock) {
                afterEndOfBlock = false;
                if (x == END_OF_DATA) {
                    return true;
                }
            }
            if (x == START_OF_BLOCK) {
                inFrame = true;
                count = 0;
                return true;
            }
            if (++count > OUT_OF_BAND_LIMIT) {
                throw new IOException("more than " + OUT_OF_BAND_LIMIT
                        + " bytes outside MLLP frames: connection cut off");
            }
            return false;
        }
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        socket.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return socket.getReuseAddress();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
