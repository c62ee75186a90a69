package org.pavilion.core.api.module;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Manifest headers that make a bundle a Pavilion module. The registry at {@code /api/v1/platform/modules}
 * lists every bundle carrying {@link #MODULE}, with its state and the REST and SOAP endpoints it published.
 */
@ProviderType
public final class ModuleHeaders {

    /** Short module name, e.g. {@code emr}; also the first segment of its REST base path. */
    public static final String MODULE = "Pavilion-Module";

    /** Human title, e.g. {@code Electronic medical record}. */
    public static final String TITLE = "Pavilion-Module-Title";

    /**
     * Path inside the bundle of the module's privilege file, e.g. {@code OSGI-INF/pavilion/privileges.properties}.
     * One line per privilege: {@code <module>.<aggregate>.<action> = <seeded roles, comma-separated> | <description>},
     * e.g. {@code lab.result.verify = LAB_TECHNICIAN | Verify a result before it is released}. The roles are granted
     * the privilege only the first time the platform sees it; afterwards administrators decide.
     */
    public static final String PRIVILEGES = "Pavilion-Privileges";

    private ModuleHeaders() {
    }
}
