package org.pavilion.notifications.internal.channels.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for the tests' servers. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SMTP settings for a server on loopback, with the hospital's sender. */
    public static SmtpSettings smtp(int port, String username, String password, String envelopeFrom) {
        return new SmtpSettings(HOST, port, SmtpSettings.Security.NONE, username, password, "rendezvous@hopital-nord.fr",
                "Hôpital Nord", "accueil@hopital-nord.fr", envelopeFrom, 2000, 5000);
    }
}
