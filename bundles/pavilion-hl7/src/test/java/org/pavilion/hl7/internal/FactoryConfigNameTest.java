package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;

import java.util.Map;

import org.junit.Test;

public class FactoryConfigNameTest {

    private static final String FEEDS = "org.pavilion.hl7.feed";

    @Test
    public void anOperatorsNameWins() {
        assertEquals("ward", FactoryConfigName.of(" ward ", FEEDS,
                Map.of("felix.fileinstall.filename", "file:/opt/pavilion/etc/org.pavilion.hl7.feed-other.cfg")));
    }

    @Test
    public void elseTheFileSaysIt() {
        assertEquals("radiology", FactoryConfigName.of("", FEEDS,
                Map.of("felix.fileinstall.filename", "file:/opt/pavilion/etc/org.pavilion.hl7.feed-radiology.cfg")));
    }

    @Test
    public void elseTheServicePidMadeSafeForARouteId() {
        assertEquals("org.pavilion.hl7.feed_a1_b2", FactoryConfigName.of(null, FEEDS,
                Map.of("service.pid", "org.pavilion.hl7.feed~a1:b2")));
    }
}
