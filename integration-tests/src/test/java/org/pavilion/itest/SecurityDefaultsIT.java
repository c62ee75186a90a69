package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.apache.karaf.features.Feature;
import org.junit.Test;
import org.pavilion.testsupport.Await;

/**
 * The hardening the distribution ships with (architecture.md, "Hardened by default"): no karaf/karaf, hashed
 * JAAS passwords, ACL-less shell commands for admins only, JMX on loopback, no SSH or web console, CXF's XML
 * limits. Checked on the running container, so a change to the assembly that drops one of them fails here.
 */
public class SecurityDefaultsIT extends PavilionTestSupport {

    @Test
    public void karafShipsNoUserAndHashesPasswords() throws Exception {
        Properties users = load(etc("users.properties"));
        for (String key : users.stringPropertyNames()) {
            assertTrue("etc/users.properties defines user " + key, key.startsWith("_g_:"));
        }
        Properties jaas = load(etc("org.apache.karaf.jaas.cfg"));
        assertEquals("true", jaas.getProperty("encryption.enabled"));
        assertTrue(jaas.getProperty("encryption.algorithm"), jaas.getProperty("encryption.algorithm").startsWith("SHA-"));
    }

    @Test
    public void shellCommandsWithoutAclNeedTheAdminRole() {
        assertEquals("admin", System.getProperty("karaf.secured.command.compulsory.roles"));
    }

    @Test
    public void cxfXmlLimitsAreSet() {
        for (String limit : List.of("maxChildElements", "maxElementDepth", "maxAttributeCount", "maxAttributeSize",
                "maxTextLength", "maxElementCount")) {
            String value = System.getProperty("org.apache.cxf.stax." + limit);
            assertTrue("org.apache.cxf.stax." + limit + " = " + value, value != null && Long.parseLong(value) > 0);
        }
        assertEquals("false", System.getProperty("org.apache.cxf.stax.allowInsecureParser"));
    }

    @Test
    public void noSshNoWebConsole() throws Exception {
        for (String name : List.of("ssh", "webconsole")) {
            Feature feature = features().getFeature(name);
            assertFalse(name + " must not be installed by default", feature != null && features().isInstalled(feature));
        }
        assertTrue(Paths.get(System.getProperty("karaf.etc"), "org.apache.karaf.shell.cfg").toFile().isFile());
        assertEquals("127.0.0.1", load(etc("org.apache.karaf.shell.cfg")).getProperty("sshHost"));
    }

    @Test
    public void jmxListensOnLoopbackOnly() throws Exception {
        Properties management = load(etc("org.apache.karaf.management.cfg"));
        assertEquals("127.0.0.1", management.getProperty("rmiRegistryHost"));
        assertEquals("127.0.0.1", management.getProperty("rmiServerHost"));
        // The JMX connector's server socket: reachable on loopback, refused on any other address of this machine.
        int port = Integer.parseInt(management.getProperty("rmiServerPort").trim());
        Await.until("the JMX RMI server listens on 127.0.0.1:" + port, BOOT_BOUND, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        });
        Optional<InetAddress> external = externalAddress();
        if (external.isPresent()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external.get(), port), 2000);
                throw new AssertionError("JMX answers on " + external.get() + ":" + port);
            } catch (ConnectException refused) {
                // what we want
            }
        }
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    private static Path etc(String file) {
        return Paths.get(System.getProperty("karaf.etc")).resolve(file);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
