package org.pavilion.core.api.module;

/**
 * Manifest headers that make a bundle a Pavilion module. The registry at {@code /api/v1/platform/modules}
 * lists every bundle carrying {@link #MODULE}, with its state and the REST and SOAP endpoints it published.
 */
public final class ModuleHeaders {

    /** Short module name, e.g. {@code emr}; also the first segment of its REST base path. */
    public static final String MODULE = "Pavilion-Module";

    /** Human title, e.g. {@code Electronic medical record}. */
    public static final String TITLE = "Pavilion-Module-Title";

    private ModuleHeaders() {
    }
}
