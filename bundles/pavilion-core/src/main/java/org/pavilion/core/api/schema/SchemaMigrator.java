package org.pavilion.core.api.schema;

import org.osgi.framework.Bundle;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Brings a bundle's tables up to date on the platform database (embedded or PostgreSQL) with Liquibase.
 * A department calls it from its {@code @Activate}, before it touches its persistence unit.
 */
@ProviderType
public interface SchemaMigrator {

    /**
     * @param bundle    the bundle that holds the change log
     * @param changeLog path of a Liquibase change log inside the bundle, e.g. {@code db/example-changelog.xml}
     * @throws IllegalStateException when a change set fails; nothing of that change set is kept
     */
    void migrate(Bundle bundle, String changeLog);
}
