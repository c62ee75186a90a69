package org.pavilion.hl7.internal.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TlsContextsTest {

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();
    private static TestPki pki;
    private static CamelContext camel;

    @BeforeClass
    public static void makePki() throws Exception {
        pki = new TestPki(FOLDER.getRoot().toPath());
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterClass
    public static void stopCamel() {
        camel.stop();
    }

    private static TlsContexts.Store store(Path p) {
        return new TlsContexts.Store(p.getFileName().toString(), TestPki.PASSWORD, "PKCS12");
    }

    private static final TlsContexts.Store NONE = new TlsContexts.Store("", "", "PKCS12");

    private static SSLContext server(String clientAuth) throws Exception {
        SSLContextParameters p = TlsContexts.server(camel, pki.dir, store(pki.server), store(pki.truststore),
                clientAuth);
        return p.createSSLContext(camel);
    }

    private static SSLContext client(TlsContexts.Store keystore, String host) throws Exception {
        return TlsContexts.client(camel, pki.dir, store(pki.truststore), keystore, host, true).createSSLContext(camel);
    }

    /** Handshakes a client with a server on loopback; the server's view of the client certificate, or the failure. */
    private static String handshake(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket listening = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            assertTrue(List.of(TlsContexts.PROTOCOLS.toArray(new String[0])).containsAll(
                    List.of(listening.getEnabledProtocols())));
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listening.accept()) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    s.getInputStream().read();
                    try {
                        return s.getSession().getPeerPrincipal().getName();
                    } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
                        return "no client certificate";
                    }
                } catch (Exception e) {
                    return "server failed: " + e;
                }
            });
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listening.getLocalPort())) {
                s.setSoTimeout(5000);
                s.startHandshake();
                s.getOutputStream().write('x');
                s.getOutputStream().flush();
                String seen = served.get(10, TimeUnit.SECONDS);
                return seen;
            } catch (Exception clientFailed) {
                served.get(10, TimeUnit.SECONDS);
                return "client failed: " + clientFailed;
            }
        }
    }

    @Test
    public void mutualTlsServesACaSignedClientAndRefusesOneWithoutCertificate() throws Exception {
        String seen = handshake(server("REQUIRE"), client(store(pki.client), "127.0.0.1"));
        assertTrue(seen, seen.contains("CN=lab-client"));
        String without = handshake(server("REQUIRE"), client(NONE, "127.0.0.1"));
        assertTrue(without, without.contains("failed"));
        assertEquals("no client certificate", handshake(server("NONE"), client(NONE, "localhost")));
    }

    @Test
    public void aFeedRefusesAReceiverItsTruststoreDoesNotTrustOrThatDoesNotNameTheHost() throws Exception {
        SSLContext stranger = TlsContexts.server(camel, pki.dir, store(pki.stranger), NONE, "NONE")
                .createSSLContext(camel);
        String untrusted = handshake(stranger, client(NONE, "127.0.0.1"));
        assertTrue(untrusted, untrusted.startsWith("client failed"));
        String wrongName = handshake(server("NONE"), client(NONE, "10.9.9.9"));
        assertTrue(wrongName, wrongName.startsWith("client failed") && wrongName.contains("does not name"));
        String otherHost = handshake(server("NONE"), client(NONE, "lab.example.org"));
        assertTrue(otherHost, otherHost.startsWith("client failed"));
    }

    @Test
    public void badSettingsFailWithTheReasonAndNoPassword() {
        IllegalArgumentException noKeys = assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.server(camel, pki.dir, NONE, NONE, "NONE"));
        assertTrue(noKeys.getMessage().contains("keystore"));
        IllegalArgumentException noTrust = assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.server(camel, pki.dir, store(pki.server), NONE, "REQUIRE"));
        assertTrue(noTrust.getMessage().contains("truststore"));
        IllegalArgumentException badAuth = assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.server(camel, pki.dir, store(pki.server), store(pki.truststore), "SOMETIMES"));
        assertTrue(badAuth.getMessage().contains("NONE, WANT or REQUIRE"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TlsContexts.server(
                camel, pki.dir, new TlsContexts.Store("nowhere.p12", "s3cret-pw", "PKCS12"), NONE, "NONE"));
        assertFalse(missing.getMessage().contains("s3cret-pw"));
    }
}
