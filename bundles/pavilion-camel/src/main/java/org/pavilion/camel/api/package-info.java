/** Contract of the platform's Camel runtime: how bundles contribute routes, beans and components. */
@Export
@Version("1.0.0")
package org.pavilion.camel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
