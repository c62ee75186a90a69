package org.pavilion.core.api.schema;

import org.osgi.framework.Bundle;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Brings a bundle's tables up to date on the platform database (embedded or PostgreSQL) with Liquibase.
 * A department normally declares its change logs with {@link SchemaChangelog} and the platform migrates them before
 * its components start; {@link #migrate} remains for change logs a bundle runs itself.
 */
@ProviderType
public interface SchemaMigrator {

    /**
     * Manifest header naming a bundle's change logs, comma separated, run in order before its components start
     * (written by {@link SchemaChangelog}).
     */
    String CHANGELOG_HEADER = "Pavilion-Changelog";

    /** The {@code osgi.extender} capability the core provides and a bundle with {@link SchemaChangelog} requires. */
    String EXTENDER_NAMESPACE = "osgi.extender";
    String EXTENDER_NAME = "pavilion.schema";
    String EXTENDER_VERSION = "1.0.0";

    /**
     * @param bundle    the bundle that holds the change log
     * @param changeLog path of a Liquibase change log inside the bundle, e.g. {@code db/example-changelog.xml}
     * @throws IllegalStateException when a change set fails; nothing of that change set is kept
     */
    void migrate(Bundle bundle, String changeLog);
}
