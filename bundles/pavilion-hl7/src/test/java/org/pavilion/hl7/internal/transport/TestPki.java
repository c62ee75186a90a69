package org.pavilion.hl7.internal.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the JDK's keytool: a CA, a server certificate for 127.0.0.1/localhost, a client
 * certificate, both CA-signed, each in a PKCS12 store with the CA; and a trust store holding the CA alone.
 */
final class TestPki {

    static final String PASSWORD = "test-secret";
    final Path dir;
    final Path truststore;
    final Path server;
    final Path client;
    /** Signed by another CA: trusted by nobody here. */
    final Path stranger;

    TestPki(Path dir) throws Exception {
        this.dir = dir;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-alias", "ca", "-rfc", "-file", "ca.crt", "-keystore", "ca.p12");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12");
        server = signed("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "ca.p12");
        client = signed("client", "CN=lab-client,O=Main Hospital", null, "ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Other CA", "-ext", "bc:c", "-validity", "2", "-keystore", "other-ca.p12");
        stranger = signed("stranger", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "other-ca.p12");
        truststore = dir.resolve("trust.p12");
    }

    private Path signed(String name, String dname, String san, String caStore) throws Exception {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", name, "-file", name + ".csr", "-keystore", store);
        List<String> gen = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-infile", name + ".csr", "-outfile",
                name + ".crt", "-rfc", "-validity", "2", "-keystore", caStore));
        if (san != null) {
            gen.addAll(List.of("-ext", san));
        }
        keytool(gen.toArray(new String[0]));
        keytool("-exportcert", "-alias", "ca", "-rfc", "-file", name + "-ca.crt", "-keystore", caStore);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", name + "-ca.crt", "-keystore", store);
        keytool("-importcert", "-alias", name, "-file", name + ".crt", "-keystore", store);
        return dir.resolve(store);
    }

    private void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        if (List.of(args).contains("-genkeypair")) {
            cmd.addAll(List.of("-keypass", PASSWORD));
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
