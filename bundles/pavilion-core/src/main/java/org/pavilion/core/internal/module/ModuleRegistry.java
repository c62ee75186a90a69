package org.pavilion.core.internal.module;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.util.tracker.BundleTracker;
import org.pavilion.core.api.module.ModuleHeaders;
import org.pavilion.core.internal.rest.PublishedEndpoint;
import org.pavilion.core.internal.rest.RefusedEndpoint;
import org.pavilion.core.internal.rest.RestPublisher;
import org.pavilion.core.internal.rest.SoapPublisher;

/** Tracks bundles that carry the Pavilion-Module header; the list follows feature installs and removals live. */
@Component(service = ModuleRegistry.class)
public class ModuleRegistry {

    private final RestPublisher rest;
    private final SoapPublisher soap;
    private final ServiceComponentRuntime scr;
    private final BundleTracker<Bundle> tracker;

    @Activate
    public ModuleRegistry(BundleContext context, @Reference RestPublisher rest, @Reference SoapPublisher soap,
            @Reference ServiceComponentRuntime scr) {
        this.rest = rest;
        this.soap = soap;
        this.scr = scr;
        int allStates = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
        this.tracker = new BundleTracker<>(context, allStates, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                return bundle.getHeaders("").get(ModuleHeaders.MODULE) == null ? null : bundle;
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    public List<ModuleView> modules() {
        List<PublishedEndpoint> restEndpoints = rest.endpoints();
        List<PublishedEndpoint> soapEndpoints = soap.endpoints();
        List<RefusedEndpoint> refused = new ArrayList<>(rest.refused());
        refused.addAll(soap.refused());
        List<ModuleView> modules = new ArrayList<>();
        for (Bundle b : tracker.getTracked().keySet()) {
            ModuleView m = new ModuleView();
            m.name = b.getHeaders("").get(ModuleHeaders.MODULE);
            m.title = b.getHeaders("").get(ModuleHeaders.TITLE);
            m.bundle = b.getSymbolicName();
            m.version = b.getVersion().toString();
            m.state = state(b.getState());
            m.rest = addresses(restEndpoints, b.getBundleId());
            m.soap = addresses(soapEndpoints, b.getBundleId());
            m.refused = new ArrayList<>();
            for (RefusedEndpoint r : refused) {
                if (r.bundleId() == b.getBundleId()) {
                    m.refused.add(r.address() + ": " + String.join("; ", r.reasons()));
                }
            }
            List<PublishedEndpoint> published = new ArrayList<>(restEndpoints);
            published.addAll(soapEndpoints);
            m.ready = ModuleReadiness.ready(b, scr, published, refused);
            modules.add(m);
        }
        modules.sort(Comparator.comparing((ModuleView m) -> m.name).thenComparing(m -> m.bundle));
        return modules;
    }

    private static List<String> addresses(List<PublishedEndpoint> endpoints, long bundleId) {
        return endpoints.stream().filter(e -> e.bundleId() == bundleId).map(PublishedEndpoint::address).sorted()
                .collect(Collectors.toList());
    }

    static String state(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.STOPPING: return "STOPPING";
            default: return "UNINSTALLED";
        }
    }
}
