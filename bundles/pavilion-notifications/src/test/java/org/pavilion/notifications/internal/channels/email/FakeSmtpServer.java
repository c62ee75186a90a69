package org.pavilion.notifications.internal.channels.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server on loopback that answers RCPT for chosen addresses with a chosen reply (550 user unknown, 450
 * mailbox busy), counts connections, keeps what it accepted, and (like some broken servers) echoes the credentials it
 * was sent in its AUTH refusal.
 */
final class FakeSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> accepted = new CopyOnWriteArrayList<>();
    private volatile boolean refuseAuth;
    private volatile String mailFromReply = "250 2.1.0 Ok";

    FakeSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** RCPT TO this address gets {@code reply}, e.g. {@code 550 5.1.1 user unknown}. */
    FakeSmtpServer refuse(String address, String reply) {
        rcptReplies.put(address.toLowerCase(), reply);
        return this;
    }

    /** MAIL FROM gets {@code reply}, e.g. {@code 553 5.7.1 sender not owned by user}. */
    FakeSmtpServer refuseSender(String reply) {
        mailFromReply = reply;
        return this;
    }

    FakeSmtpServer refuseAuthEchoingCredentials() {
        refuseAuth = true;
        return this;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                threads.submit(() -> converse(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream()) {
            reply(out, "220 fake.hospital.test ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-fake.hospital.test\r\n250-8BITMIME\r\n250 AUTH PLAIN");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 fake.hospital.test");
                } else if (upper.startsWith("AUTH PLAIN")) {
                    String credentials = new String(Base64.getDecoder().decode(line.substring(11).trim()),
                            StandardCharsets.UTF_8).replace('\0', ' ');
                    reply(out, refuseAuth ? "535 5.7.8 Authentication failed for " + credentials.trim()
                            : "235 2.7.0 Authentication successful");
                } else if (upper.startsWith("MAIL FROM")) {
                    reply(out, mailFromReply);
                } else if (upper.startsWith("RCPT TO")) {
                    recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase();
                    reply(out, rcptReplies.getOrDefault(recipient, "250 2.1.5 Ok"));
                } else if (upper.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append('\n');
                    }
                    accepted.add(recipient + "\n" + data);
                    reply(out, "250 2.0.0 Ok: queued as Q" + accepted.size());
                } else if (upper.startsWith("RSET") || upper.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
