/** Versioned schema migrations that each department runs on activation. */
@Export
@Version("1.0.0")
package org.pavilion.core.api.schema;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
