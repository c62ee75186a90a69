package org.pavilion.hl7.internal.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextClientParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * Camel {@link SSLContextParameters} for MLLP listeners and feeds: TLS 1.2 and 1.3 only, key and trust stores read
 * from files (relative paths against Karaf's etc folder). Passwords are passed through, never logged or put into
 * an exception message.
 */
public final class TlsContexts {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** A key or trust store: file (absolute, or relative to {@code etc}), password, type (PKCS12, JKS). */
    public record Store(String file, String password, String type) {

        public boolean present() {
            return file != null && !file.isBlank();
        }

        Path path(Path etc) {
            Path p = Path.of(file.strip());
            return p.isAbsolute() ? p : etc.resolve(p);
        }

        KeyStoreParameters parameters(Path etc, CamelContext camel, String role) {
            Path p = path(etc);
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("HL7 TLS: " + role + " " + p + " is not a readable file");
            }
            KeyStoreParameters k = new KeyStoreParameters();
            k.setCamelContext(camel);
            k.setResource("file:" + p.toAbsolutePath());
            k.setPassword(password == null ? "" : password);
            k.setType(type == null || type.isBlank() ? "PKCS12" : type.strip());
            return k;
        }
    }

    private TlsContexts() {
    }

    /** A listener's: its key (certificate) store, optional trust store for client certificates, clientAuth. */
    public static SSLContextParameters server(CamelContext camel, Path etc, Store keystore, Store truststore,
            String clientAuth) {
        if (!keystore.present()) {
            throw new IllegalArgumentException("HL7 TLS: a listener with tls=true needs keystore");
        }
        ClientAuthentication auth = clientAuth(clientAuth);
        if (auth != ClientAuthentication.NONE && !truststore.present()) {
            throw new IllegalArgumentException("HL7 TLS: clientAuth " + auth + " needs truststore (the CA of the "
                    + "senders' certificates)");
        }
        SSLContextParameters p = base(camel);
        p.setKeyManagers(keys(camel, etc, keystore));
        if (truststore.present()) {
            TrustManagersParameters t = new TrustManagersParameters();
            t.setCamelContext(camel);
            t.setKeyStore(truststore.parameters(etc, camel, "truststore"));
            p.setTrustManagers(t);
        }
        SSLContextServerParameters s = new SSLContextServerParameters();
        s.setCamelContext(camel);
        s.setClientAuthentication(auth.name());
        p.setServerParameters(s);
        return p;
    }

    /**
     * A feed's: the trust store of the receiver's CA (the JVM's default CAs when empty), an optional key store for
     * a client certificate, and, when {@code verifyHostname}, the receiver's certificate must name {@code host}.
     */
    public static SSLContextParameters client(CamelContext camel, Path etc, Store truststore, Store keystore,
            String host, boolean verifyHostname) throws GeneralSecurityException, java.io.IOException {
        SSLContextParameters p = base(camel);
        if (keystore.present()) {
            p.setKeyManagers(keys(camel, etc, keystore));
        }
        X509TrustManager trust = trustManager(truststore.present() ? load(truststore, etc) : null);
        TrustManagersParameters t = new TrustManagersParameters();
        t.setCamelContext(camel);
        t.setTrustManager(verifyHostname ? new HostnameVerifyingTrustManager(trust, host) : trust);
        p.setTrustManagers(t);
        SSLContextClientParameters c = new SSLContextClientParameters();
        c.setCamelContext(camel);
        p.setClientParameters(c);
        return p;
    }

    static ClientAuthentication clientAuth(String value) {
        String v = value == null || value.isBlank() ? "NONE" : value.strip().toUpperCase(Locale.ROOT);
        try {
            return ClientAuthentication.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HL7 TLS: clientAuth must be NONE, WANT or REQUIRE, was '" + value + "'");
        }
    }

    private static SSLContextParameters base(CamelContext camel) {
        SSLContextParameters p = new SSLContextParameters();
        p.setCamelContext(camel);
        p.setSecureSocketProtocol("TLSv1.3");
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(PROTOCOLS);
        p.setSecureSocketProtocols(protocols);
        return p;
    }

    private static KeyManagersParameters keys(CamelContext camel, Path etc, Store keystore) {
        KeyManagersParameters k = new KeyManagersParameters();
        k.setCamelContext(camel);
        k.setKeyStore(keystore.parameters(etc, camel, "keystore"));
        k.setKeyPassword(keystore.password() == null ? "" : keystore.password());
        return k;
    }

    static KeyStore load(Store store, Path etc) throws GeneralSecurityException, java.io.IOException {
        Path p = store.path(etc);
        KeyStore ks = KeyStore.getInstance(store.type() == null || store.type().isBlank() ? "PKCS12" : store.type().strip());
        try (var in = Files.newInputStream(p)) {
            ks.load(in, store.password() == null ? null : store.password().toCharArray());
        }
        return ks;
    }

    static X509TrustManager trustManager(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(trusted);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /**
     * The chain must be trusted and its leaf must name the host dialled (DNS or IP subject alternative name, a
     * leading {@code *.} matching one label): Camel's client context alone checks only the chain.
     */
    static final class HostnameVerifyingTrustManager implements X509TrustManager {

        private final X509TrustManager delegate;
        private final String host;

        HostnameVerifyingTrustManager(X509TrustManager delegate, String host) {
            this.delegate = delegate;
            this.host = host.strip().toLowerCase(Locale.ROOT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            if (!names(chain[0], host)) {
                throw new CertificateException("the receiver's certificate does not name " + host);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    static boolean names(X509Certificate cert, String host) throws CertificateParsingException {
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans == null) {
            return false;
        }
        boolean ipHost = host.matches("[0-9.]+") || host.contains(":");
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
            if (ipHost && type == 7 && sameAddress(value, host)) {
                return true;
            }
            if (!ipHost && type == 2 && (value.equals(host) || value.startsWith("*.")
                    && host.endsWith(value.substring(1)) && host.indexOf('.') == host.length() - value.length() + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return java.util.Arrays.equals(java.net.InetAddress.getByName(a).getAddress(),
                    java.net.InetAddress.getByName(b).getAddress());
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
