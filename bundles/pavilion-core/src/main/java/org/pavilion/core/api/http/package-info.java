/** How the platform's HTTP settings (PID org.pavilion.core.http) apply to pages served outside CXF. 1.2:
 * {@link org.pavilion.core.api.http.PageHeaders}, the security headers every such page sends. */
@Export
@Version("1.2.0")
package org.pavilion.core.api.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
