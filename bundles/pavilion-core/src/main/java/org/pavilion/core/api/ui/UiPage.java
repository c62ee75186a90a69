package org.pavilion.core.api.ui;

import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One page: shown at {@code route} (staff pages under {@code /}, portal pages under {@code /portal}) to users holding
 * {@code privilege}, rendered by the custom element {@code element} that {@code module} defines.
 *
 * @param route      path of the page, e.g. {@code /patients} or {@code /portal/appointments}; never patient data (the
 *                   patient a page is about travels in the navigation state, not in the address)
 * @param module     ES module relative to the contribution's resource root, e.g. {@code patients/search.js}
 * @param element    custom element name the module defines, e.g. {@code emr-patient-search}
 * @param titleKey   message key of the page title and of its navigation entry
 * @param privilege  privilege a user needs to see the page; null for any signed-in user
 * @param navSection navigation group: {@code patients}, {@code clinical}, {@code admin}, {@code integration},
 *                   {@code portal}, or {@code chart} (a tab of the patient chart); null keeps the page out of the
 *                   navigation (reached from other pages)
 * @param order      position in its navigation group, lower first
 */
@ProviderType
public record UiPage(String route, String module, String element, String titleKey, String privilege,
        String navSection, int order) {

    public UiPage {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(titleKey, "titleKey");
        if (!route.startsWith("/") || route.contains("?") || route.contains("#")) {
            throw new IllegalArgumentException("A page route is a plain path starting with '/': " + route);
        }
        if (!element.contains("-")) {
            throw new IllegalArgumentException("A custom element name contains '-': " + element);
        }
    }

    /** Whether the page belongs to the patient portal rather than the staff workspace. */
    public boolean portal() {
        return route.equals("/portal") || route.startsWith("/portal/");
    }
}
