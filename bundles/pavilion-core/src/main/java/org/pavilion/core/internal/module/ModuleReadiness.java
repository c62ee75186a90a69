package org.pavilion.core.internal.module;

import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
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

    /**
     * Null for a module deliberately not started (stopped after boot: it is not expected to serve), else ready or
     * not. During boot a module not yet started is {@code starting}: the features service starts it soon.
     */
    static Boolean ready(Bundle b, ServiceComponentRuntime scr, List<PublishedEndpoint> published,
            List<RefusedEndpoint> refused) {
        if (b.getState() != Bundle.ACTIVE) {
            if (b.getState() == Bundle.STARTING) {
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

    private static boolean bootFinished(Bundle b) {
        Bundle core = org.osgi.framework.FrameworkUtil.getBundle(ModuleReadiness.class);
        org.osgi.framework.BundleContext context = core == null ? null : core.getBundleContext();
        return context == null || context.getServiceReference(BOOT_FINISHED) != null;
    }

    private static boolean componentsUp(Bundle b, ServiceComponentRuntime scr) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (!servesEndpoint(d) || !scr.isComponentEnabled(d)) {
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
