package org.pavilion.itest.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.pavilion.itest.process.DistributionProcess;

/**
 * {@code feature:install} and {@code feature:uninstall} on the running distribution, from outside, the way an
 * operator's tooling does it: through Karaf's FeaturesMBean over JMX (bound to 127.0.0.1; SSH is not shipped, so
 * {@code bin/client} has nothing to talk to). The distribution has no Karaf user; {@link #prepare} adds a test
 * operator with the admin group to etc/users.properties before the first start (Karaf hashes it on first read).
 */
public final class KarafFeatures {

    private static final String USER = "itest-operator";
    private static final String PASSWORD_FILE = "itest-operator.password";

    private final Path home;
    private final String password;

    private KarafFeatures(Path home, String password) {
        this.home = home;
        this.password = password;
    }

    /** Call before the first start: the operator account JMX authenticates. */
    public static KarafFeatures prepare(DistributionProcess pavilion) throws IOException {
        String password = UUID.randomUUID().toString();
        Path users = pavilion.home().resolve("etc/users.properties");
        Files.writeString(users, Files.readString(users, StandardCharsets.UTF_8) + "\n" + USER + " = " + password
                + ",_g_:admingroup\n", StandardCharsets.UTF_8);
        // Kept beside the installation (owner-only) for a later run that attaches to it.
        Path kept = pavilion.home().resolve(PASSWORD_FILE);
        Files.writeString(kept, password, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(kept, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return new KarafFeatures(pavilion.home(), password);
    }

    /** The operator of an installation {@link #prepare} set up in an earlier run. */
    static KarafFeatures attach(Path home) throws IOException {
        return new KarafFeatures(home, Files.readString(home.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).trim());
    }

    /** Installs a feature (no refresh of unrelated bundles, as the Pax Exam tests do); returns once Karaf has. */
    public void install(String feature) throws Exception {
        invoke("installFeature", feature);
    }

    public void uninstall(String feature) throws Exception {
        invoke("uninstallFeature", feature);
    }

    /** Whether Karaf lists the feature as installed. */
    public boolean installed(String feature) throws Exception {
        try (JMXConnector c = connect()) {
            MBeanServerConnection mbeans = c.getMBeanServerConnection();
            TabularData all = (TabularData) mbeans.getAttribute(mbean(), "Features");
            for (Object row : all.values()) {
                CompositeData f = (CompositeData) row;
                if (feature.equals(f.get("Name")) && Boolean.TRUE.equals(f.get("Installed"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The framework's start level: 100 once Karaf has started every bundle of the boot features. */
    public int startLevel() throws Exception {
        try (JMXConnector c = connect()) {
            return ((Number) c.getMBeanServerConnection().getAttribute(
                    new ObjectName("org.apache.karaf:type=system,name=root"), "StartLevel")).intValue();
        }
    }

    private void invoke(String operation, String feature) throws Exception {
        try (JMXConnector c = connect()) {
            c.getMBeanServerConnection().invoke(mbean(), operation, new Object[] {feature, true},
                    new String[] {String.class.getName(), boolean.class.getName()});
        }
    }

    private static ObjectName mbean() throws Exception {
        return new ObjectName("org.apache.karaf:type=feature,name=root");
    }

    private JMXConnector connect() throws IOException {
        Properties cfg = new Properties();
        try (var in = Files.newInputStream(home.resolve("etc/org.apache.karaf.management.cfg"))) {
            cfg.load(in);
        }
        String url = "service:jmx:rmi://127.0.0.1:" + cfg.getProperty("rmiServerPort").trim()
                + "/jndi/rmi://127.0.0.1:" + cfg.getProperty("rmiRegistryPort").trim() + "/karaf-root";
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {USER, password});
        return JMXConnectorFactory.connect(new JMXServiceURL(url), env);
    }
}
