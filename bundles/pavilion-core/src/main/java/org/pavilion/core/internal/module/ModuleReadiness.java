package org.pavilion.core.internal.module;

import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.pavilion.core.api.health.HealthContributor;
import org.pavilion.core.api.rest.Endpoints;
import org.pavilion.core.internal.rest.PublishedEndpoint;
import org.pavilion.core.internal.rest.RefusedEndpoint;

/**
 * Whether a started module serves what it declares: every enabled component of its bundle that carries a REST base
 * or SOAP address, or contributes a health check, is satisfied or active, and every such service it registered was taken by the publishers
 * (published in the live server, or refused with a reason). Before that, its endpoints answer 404 and health must
 * not say UP. A component waiting for a configuration it requires (policy REQUIRE) is not expected to run.
 */
final class ModuleReadiness {

    private ModuleReadiness() {
    }

    /** Karaf registers it once the boot features are installed and started (by name: no Karaf import). */
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";
    /** The manifest header listing a bundle's Declarative Services component descriptions. */
    static final String SERVICE_COMPONENT = "Service-Component";

    /**
     * Null for a module deliberately not started (stopped after boot: it is not expected to serve), else ready or
     * not. A module not yet started during boot, or marked to start and waiting for its start level, is
     * {@code starting}.
     */
    static Boolean ready(Bundle b, ServiceComponentRuntime scr, List<PublishedEndpoint> published,
            List<RefusedEndpoint> refused) {
        if (b.getState() != Bundle.ACTIVE) {
            if (b.getState() == Bundle.STARTING || persistentlyStarted(b)) {
                return false;
            }
            return bootFinished(b) ? null : Boolean.FALSE;
        }
        if (scr != null && !componentsUp(b, scr)) {
            return false;
        }
        long registered = 0;
        ServiceReference<?>[] services = b.getRegisteredServices();
        if (services != null) {
            for (ServiceReference<?> ref : services) {
                if (ref.getProperty(Endpoints.REST_BASE) != null || ref.getProperty(Endpoints.SOAP_ADDRESS) != null) {
                    registered++;
                }
            }
        }
        long taken = published.stream().filter(e -> e.bundleId() == b.getBundleId()).count()
                + refused.stream().filter(r -> r.bundleId() == b.getBundleId()).count();
        return taken >= registered;
    }

    /**
     * Marked to start (by its feature, or {@code bundle:start}) yet not active: the framework's start level has not
     * reached it. On a restart Karaf says boot finished at once (its features are installed already), while the start
     * level still climbs towards the departments; only {@code bundle:stop} clears the mark.
     */
    private static boolean persistentlyStarted(Bundle b) {
        BundleStartLevel level = b.adapt(BundleStartLevel.class);
        return level != null && level.isPersistentlyStarted();
    }

    private static boolean bootFinished(Bundle b) {
        Bundle core = org.osgi.framework.FrameworkUtil.getBundle(ModuleReadiness.class);
        org.osgi.framework.BundleContext context = core == null ? null : core.getBundleContext();
        return context == null || context.getServiceReference(BOOT_FINISHED) != null;
    }

    private static boolean componentsUp(Bundle b, ServiceComponentRuntime scr) {
        var descriptions = scr.getComponentDescriptionDTOs(b);
        if (descriptions.isEmpty() && b.getHeaders("").get(SERVICE_COMPONENT) != null) {
            // Active, yet SCR has not read its components: its schema is being migrated (or is held) by the core's
            // schema extender, which tells SCR of the start only afterwards. Its endpoints do not exist yet.
            return false;
        }
        for (ComponentDescriptionDTO d : descriptions) {
            if (!servesEndpoint(d)) {
                continue;
            }
            if (!scr.isComponentEnabled(d)) {
                if (d.defaultEnabled) {
                    // SCR reads a bundle's descriptions first and enables them one by one, publishing each as it
                    // goes: until it reaches this one, the endpoints published before it must not make health UP.
                    return false;
                }
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty()) {
                if (!"require".equals(d.configurationPolicy)) {
                    return false; // enabled but not even unsatisfied yet: SCR is still processing the bundle
                }
                continue;
            }
            for (ComponentConfigurationDTO c : configurations) {
                if (c.state != ComponentConfigurationDTO.SATISFIED && c.state != ComponentConfigurationDTO.ACTIVE) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * An endpoint, or a health check: a module whose check is not registered yet must not let health say UP
     * without it (the HL7 hub's listener check would otherwise be missing for a moment at start).
     */
    private static boolean servesEndpoint(ComponentDescriptionDTO d) {
        if (d.serviceInterfaces != null && Arrays.asList(d.serviceInterfaces).contains(HealthContributor.class.getName())) {
            return true;
        }
        return d.properties != null
                && (d.properties.containsKey(Endpoints.REST_BASE) || d.properties.containsKey(Endpoints.SOAP_ADDRESS));
    }
}
