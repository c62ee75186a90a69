/**
 * Versioned schema migrations: a department names its change logs with {@link SchemaChangelog} (manifest header
 * {@code Pavilion-Changelog}) and the platform migrates them before the department's components start.
 */
@Export
@Version("1.1.0")
package org.pavilion.core.api.schema;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
