/** How departments publish REST resources and SOAP services through the platform, and report errors. 2.2:
 * {@link org.pavilion.core.api.rest.ServiceUnavailableException}, a 503 with Retry-After. 2.3:
 * {@link org.pavilion.core.api.rest.RestDirectory}, the published resources for the API description. 2.4:
 * {@link org.pavilion.core.api.rest.DeclaredConstraints}, a request body checked against its Bean Validation
 * constraints, every violated field in one problem. 2.5: {@link org.pavilion.core.api.rest.Violations}, a department's own
 * rules answered in the same problem. 2.6: {@link org.pavilion.core.api.rest.Page#of}, a page whose total agrees
 * with its items. */
@Export
@Version("2.6.0")
package org.pavilion.core.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
