package org.pavilion.hl7.internal;

import java.util.Map;

/**
 * The name of one instance of a factory configuration (a listener, a feed): the configured {@code name}, else
 * what follows the factory PID in its file name ({@code etc/org.pavilion.hl7.feed-ward.cfg} gives "ward"), else
 * its service.pid made safe for route ids.
 */
public final class FactoryConfigName {

    private FactoryConfigName() {
    }

    public static String of(String configuredName, String factoryPid, Map<String, Object> properties) {
        if (configuredName != null && !configuredName.isBlank()) {
            return configuredName.strip();
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            int dash = f.lastIndexOf(factoryPid + "-");
            if (dash >= 0) {
                return f.substring(dash + factoryPid.length() + 1).replaceFirst("\\.cfg$", "");
            }
        }
        return String.valueOf(properties.getOrDefault("service.pid", "default")).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
