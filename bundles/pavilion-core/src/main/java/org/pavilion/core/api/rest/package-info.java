/** How departments publish REST resources and SOAP services through the platform, and report errors. */
@Export
@Version("2.1.0")
package org.pavilion.core.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
