package org.pavilion.core.api.ui;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's part of the web UI, registered as an OSGi service (whiteboard), typically a DS component
 * {@code @Component(service = UiContribution.class)}. The web shell serves the files under {@link #resourceRoot()}
 * inside the registering bundle at {@code /ui/c/<id>/...}; a page's or card's {@code module} is a path relative to
 * that folder of an ES module defining the custom element it names. Messages come from the folder's
 * {@code i18n/<language>.json} and {@code i18n/<part>.<language>.json} files, merged (English is the fallback).
 * Unregistering the service (stopping or uninstalling the bundle) takes its pages away on the next navigation.
 */
@ConsumerType
public interface UiContribution {

    /** URL-safe name, unique in the container: lower-case letters, digits and '-' ({@code emr}, {@code acme-physio}). */
    String id();

    /** Folder inside the registering bundle holding the modules and {@code i18n/}. */
    default String resourceRoot() {
        return "/ui";
    }

    /** Staff workspace pages (routes under {@code /}) and portal pages (routes under {@code /portal}). */
    default List<UiPage> pages() {
        return List.of();
    }

    /** Cards on the patient portal's home page. */
    default List<UiCard> cards() {
        return List.of();
    }
}
