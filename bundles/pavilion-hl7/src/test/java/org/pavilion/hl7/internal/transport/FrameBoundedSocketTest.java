package org.pavilion.hl7.internal.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

import org.junit.Test;

public class FrameBoundedSocketTest {

    private static int drain(InputStream in, int n) throws IOException {
        byte[] buf = new byte[1024];
        int total = 0;
        while (total < n) {
            int r = in.read(buf, 0, Math.min(buf.length, n - total));
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    @Test
    public void unframedBytesBeyondTheLimitFailTheReadWhileFramedTrafficFlows() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            FrameBoundedSocket bounded = new FrameBoundedSocket(accepted, 100);
            assertEquals(accepted.getInetAddress(), bounded.getInetAddress());
            OutputStream out = client.getOutputStream();
            byte[] frame = new byte[90];
            Arrays.fill(frame, (byte) 'A');
            frame[0] = 0x0b;
            frame[88] = 0x1c;
            frame[89] = 0x0d;
            for (int i = 0; i < 5; i++) {
                out.write(frame); // 450 bytes, but never more than 100 without an end of block
            }
            out.flush();
            assertEquals(450, drain(bounded.getInputStream(), 450));
            // bytes between frames are dropped, never handed on; past the bound the read fails
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(frame);
            out.flush();
            byte[] got = new byte[90];
            assertEquals(90, bounded.getInputStream().readNBytes(got, 0, 90));
            assertEquals(0x0b, got[0]);
            byte[] garbage = new byte[FrameBoundedSocket.OUT_OF_BAND_LIMIT + 10];
            Arrays.fill(garbage, (byte) 'G');
            out.write(garbage);
            out.flush();
            IOException cut = assertThrows(IOException.class, () -> drain(bounded.getInputStream(), 1));
            assertTrue(cut.getMessage().contains("outside MLLP frames"));
            bounded.close();
            assertTrue(accepted.isClosed());
        }
    }
}
