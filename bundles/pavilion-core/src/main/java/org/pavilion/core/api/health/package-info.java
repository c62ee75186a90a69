/** Health contributions shown at /api/v1/platform/health. */
@Export
@Version("1.0.0")
package org.pavilion.core.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
