/** How a bundle declares itself a Pavilion department for the module registry. */
@Export
@Version("1.1.0")
package org.pavilion.core.api.module;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
