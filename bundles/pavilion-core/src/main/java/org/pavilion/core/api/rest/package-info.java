/** How departments publish REST resources and SOAP services through the platform, and report errors. 2.2:
 * {@link org.pavilion.core.api.rest.ServiceUnavailableException}, a 503 with Retry-After. 2.3:
 * {@link org.pavilion.core.api.rest.RestDirectory}, the published resources for the API description. */
@Export
@Version("2.3.0")
package org.pavilion.core.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
