package org.pavilion.core.internal.module;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.pavilion.core.api.rest.Endpoints;

/**
 * Readiness of an active module as Felix SCR sees it. The schema extender runs a department's change logs on the
 * thread that started it and tells SCR only afterwards: during a long first migration the bundle is ACTIVE and SCR
 * knows none of its components, which must read as "starting", not as "serves everything it declares".
 */
public class ModuleReadinessTest {

    private static Bundle bundle(boolean declaresComponents) {
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put("Bundle-SymbolicName", "org.pavilion.emr");
        if (declaresComponents) {
            headers.put("Service-Component", "OSGI-INF/*.xml");
        }
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getState": return Bundle.ACTIVE;
                        case "getHeaders": return headers;
                        case "getBundleId": return 42L;
                        case "getRegisteredServices": return null;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** A department installed, not active, marked to start or not (bundle:stop clears the mark). */
    private static Bundle resolved(boolean markedToStart) {
        BundleStartLevel level = (BundleStartLevel) Proxy.newProxyInstance(BundleStartLevel.class.getClassLoader(),
                new Class<?>[] { BundleStartLevel.class }, (proxy, method, args) -> {
                    if ("isPersistentlyStarted".equals(method.getName())) {
                        return markedToStart;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getState": return Bundle.RESOLVED;
                        case "adapt": return args[0] == BundleStartLevel.class ? level : null;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** SCR knowing the given components of every bundle, each in the given state. */
    private static ServiceComponentRuntime scr(List<ComponentDescriptionDTO> known, int state) {
        return scr(known, state, true);
    }

    private static ServiceComponentRuntime scr(List<ComponentDescriptionDTO> known, int state, boolean enabled) {
        return (ServiceComponentRuntime) Proxy.newProxyInstance(ServiceComponentRuntime.class.getClassLoader(),
                new Class<?>[] { ServiceComponentRuntime.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getComponentDescriptionDTOs": return known;
                        case "isComponentEnabled": return enabled;
                        case "getComponentConfigurationDTOs": {
                            ComponentConfigurationDTO c = new ComponentConfigurationDTO();
                            c.state = state;
                            Collection<ComponentConfigurationDTO> all = List.of(c);
                            return all;
                        }
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static ComponentDescriptionDTO restResource() {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = "org.pavilion.emr.internal.PatientResource";
        d.configurationPolicy = "optional";
        d.serviceInterfaces = new String[] { "org.pavilion.emr.internal.PatientResource" };
        d.properties = Map.of(Endpoints.REST_BASE, "/emr");
        d.defaultEnabled = true;
        return d;
    }

    @Test
    public void anActiveDepartmentWhoseComponentsScrHasNotReadYetIsStarting() {
        assertEquals(Boolean.FALSE, ModuleReadiness.ready(bundle(true), scr(List.of(), 0), List.of(), List.of()));
    }

    @Test
    public void aDepartmentWithoutComponentsIsReadyWhenActive() {
        assertEquals(Boolean.TRUE, ModuleReadiness.ready(bundle(false), scr(List.of(), 0), List.of(), List.of()));
    }

    @Test
    public void aDepartmentIsReadyOnlyOnceItsEndpointComponentIsSatisfied() {
        List<ComponentDescriptionDTO> known = List.of(restResource());
        assertEquals(Boolean.FALSE, ModuleReadiness.ready(bundle(true),
                scr(known, ComponentConfigurationDTO.UNSATISFIED_REFERENCE), List.of(), List.of()));
        assertEquals(Boolean.TRUE, ModuleReadiness.ready(bundle(true),
                scr(known, ComponentConfigurationDTO.ACTIVE), List.of(), List.of()));
    }

    @Test
    public void aRestartedDepartmentWaitingForItsStartLevelIsStartingThoughBootSaysFinished() {
        // Outside OSGi boot counts as finished, as on a restart where Karaf says so before level 80 is reached.
        assertEquals(Boolean.FALSE, ModuleReadiness.ready(resolved(true), scr(List.of(), 0), List.of(), List.of()));
    }

    @Test
    public void aDepartmentStoppedOnPurposeIsNotExpectedToServe() {
        assertNull(ModuleReadiness.ready(resolved(false), scr(List.of(), 0), List.of(), List.of()));
    }

    @Test
    public void anEndpointScrHasNotEnabledYetKeepsItsModuleStarting() {
        // As the core at a restart: health published, SCR not yet at the sign-in resource further down the bundle.
        assertEquals(Boolean.FALSE, ModuleReadiness.ready(bundle(true),
                scr(List.of(restResource()), ComponentConfigurationDTO.ACTIVE, false), List.of(), List.of()));
        ComponentDescriptionDTO offByDefault = restResource();
        offByDefault.defaultEnabled = false;
        assertEquals(Boolean.TRUE, ModuleReadiness.ready(bundle(true),
                scr(List.of(offByDefault), ComponentConfigurationDTO.ACTIVE, false), List.of(), List.of()));
    }
}
