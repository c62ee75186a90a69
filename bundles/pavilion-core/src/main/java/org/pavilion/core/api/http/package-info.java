/** How the platform's HTTP settings (PID org.pavilion.core.http) apply to pages served outside CXF. */
@Export
@Version("1.0.0")
package org.pavilion.core.api.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
